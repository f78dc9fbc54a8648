import { engineSettings, type EngineConfig } from "./config";
import { Engine, type EngineOptions } from "./engine/engine";
import { ensureEngineSecrets } from "./secrets";
import { listen, type Listener } from "./http/listen";
import { RequestMetrics } from "./http/metrics";
import { createAdminHandler } from "./admin/handler";
import { createS3Handler } from "./s3/handler";
import { createWebHandler } from "./s3/web/handler";

/**
 * Starts the engine and its three listeners (S3, website, admin). Used by the
 * engine's own entry point and by the console's instrumentation hook; opens
 * nothing at import time.
 */

export interface RunningEngine {
  config: EngineConfig;
  engine: Engine;
  s3Url: string;
  webUrl: string;
  adminUrl: string;
  adminToken: string;
  metricsToken: string;
  stop(): Promise<void>;
}

export interface StartOptions extends EngineOptions {
  /** Only the engine's own entry point owns the process and its signals. */
  handleSignals?: boolean;
}

export async function startEngine(config: EngineConfig, options: StartOptions = {}): Promise<RunningEngine> {
  const secrets = ensureEngineSecrets(config);
  const engine = await Engine.open(engineSettings(config), options);
  const metrics = new RequestMetrics();
  const listeners: Listener[] = [];
  try {
    const { region, rootDomain, consoleOrigins, trustForwardedHeaders, sseCustomerOverHttp } = config.s3;
    const s3 = await listen(
      createS3Handler({
        engine,
        metrics,
        region,
        rootDomain,
        consoleOrigins,
        trustForwardedHeaders,
        sseCustomerOverHttp,
      }),
      config.s3.bindAddr,
      { ...config.http, handlerSendsContinue: true },
    );
    listeners.push(s3);
    const web = await listen(
      createWebHandler({ engine, metrics, rootDomain: config.web.rootDomain }),
      config.web.bindAddr,
      config.http,
    );
    listeners.push(web);
    const admin = await listen(
      createAdminHandler({
        engine,
        secrets,
        metrics,
        metricsRequireToken: config.admin.metricsRequireToken,
        region,
        rootDomains: [config.web.rootDomain, rootDomain],
      }),
      config.admin.bindAddr,
      config.http,
    );
    listeners.push(admin);
    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= Promise.all(listeners.map((listener) => listener.close())).then(() => engine.close());
      return stopping;
    };
    if (options.handleSignals) {
      for (const signal of ["SIGINT", "SIGTERM"] as const)
        process.once(signal, () => void stop().then(() => process.exit(0)));
    }
    return {
      config,
      engine,
      s3Url: s3.url,
      webUrl: web.url,
      adminUrl: admin.url,
      adminToken: secrets.adminToken,
      metricsToken: secrets.metricsToken,
      stop,
    };
  } catch (error) {
    await Promise.all(listeners.map((listener) => listener.close()));
    await engine.close();
    throw error;
  }
}
