// The few parts of autocannon's API bench/http.ts uses (the package ships no types).
declare module 'autocannon' {
  type Req = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    headers?: Record<string, string>;
    requests?: { method?: string; path?: string; headers?: Record<string, string>; body?: string; setupRequest?: (req: Req) => Req }[];
  };
  type Histogram = { average: number; p50: number; p90: number; p97_5: number; p99: number; max: number; mean: number; total: number };
  export type Result = {
    requests: Histogram & { sent: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
    '2xx': number;
  };
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
