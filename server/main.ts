import { ConfigError, loadConfig } from "./config";
import { engineThreadPoolSize } from "./util/limits";

// Before anything uses libuv's thread pool (it is sized on first use): block I/O, fsyncs and hashing run there.
process.env.UV_THREADPOOL_SIZE ??= String(engineThreadPoolSize);

/** The engine's own entry point (`npm run engine`): the storage server alone, for headless machines. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`carport: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  // Imported only once the configuration is valid: a bad value stops us before anything opens.
  const { startEngine } = await import("./start");
  const running = await startEngine(config, { handleSignals: true });
  console.log(`carport engine: S3 API ${running.s3Url}, website ${running.webUrl}, admin API ${running.adminUrl}`);
  console.log(
    `carport engine: data in ${config.volumes.map((volume) => volume.path).join(", ")}, metadata in ${config.metadataDir}`,
  );
}

main().catch((error: unknown) => {
  console.error(`carport: failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
