/**
 * Request metrics shared by the listeners: counts and latency per API, endpoint
 * and status, bytes in and out. Rendered in Prometheus text format by /metrics.
 */

const latencyBucketsMs = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

interface Series {
  count: number;
  sumMs: number;
  buckets: number[];
}

export class RequestMetrics {
  private readonly series = new Map<string, Series>();
  bytesReceived = 0;
  bytesSent = 0;

  observe(api: string, endpoint: string, status: number, durationMs: number): void {
    const id = `${api}\u0000${endpoint}\u0000${status}`;
    let series = this.series.get(id);
    if (!series) {
      series = { count: 0, sumMs: 0, buckets: latencyBucketsMs.map(() => 0) };
      this.series.set(id, series);
    }
    series.count += 1;
    series.sumMs += durationMs;
    latencyBucketsMs.forEach((bound, index) => {
      if (durationMs <= bound) series.buckets[index] += 1;
    });
  }

  addBytes(receivedBytes: number, sentBytes: number): void {
    this.bytesReceived += receivedBytes;
    this.bytesSent += sentBytes;
  }

  renderPrometheus(): string {
    const lines = [
      "# HELP api_request_counter Requests handled, per API, endpoint and status.",
      "# TYPE api_request_counter counter",
    ];
    const durations = [
      "# HELP api_request_duration_seconds Request latency.",
      "# TYPE api_request_duration_seconds histogram",
    ];
    for (const [id, series] of this.series) {
      const [api, endpoint, status] = id.split("\u0000");
      const labels = `api="${api}",endpoint="${endpoint}",status_code="${status}"`;
      lines.push(`api_request_counter{${labels}} ${series.count}`);
      latencyBucketsMs.forEach((bound, index) =>
        durations.push(`api_request_duration_seconds_bucket{${labels},le="${bound / 1000}"} ${series.buckets[index]}`),
      );
      durations.push(`api_request_duration_seconds_bucket{${labels},le="+Inf"} ${series.count}`);
      durations.push(`api_request_duration_seconds_sum{${labels}} ${(series.sumMs / 1000).toFixed(6)}`);
      durations.push(`api_request_duration_seconds_count{${labels}} ${series.count}`);
    }
    lines.push(...durations);
    lines.push(
      "# HELP api_bytes_received_total Request body bytes received.",
      "# TYPE api_bytes_received_total counter",
      `api_bytes_received_total ${this.bytesReceived}`,
    );
    lines.push(
      "# HELP api_bytes_sent_total Response body bytes sent.",
      "# TYPE api_bytes_sent_total counter",
      `api_bytes_sent_total ${this.bytesSent}`,
    );
    return `${lines.join("\n")}\n`;
  }
}
