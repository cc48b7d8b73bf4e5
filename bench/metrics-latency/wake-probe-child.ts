// One CPU's wake-up probe (wake-latency.ts starts one per CPU, pinned with taskset where it exists):
// sleeps SLEEP_MS again and again for the given seconds and counts how late each wake-up came.
// Prints one JSON line: { wakeups, lateOver: { "<ms>": count }, maxLateMs }. libuv counts a timer from
// its cached loop time, so a wake-up can read up to 1 ms early; the thresholds used are well above that.

const [secondsArg, sleepArg, ...thresholdArgs] = process.argv.slice(2);
const seconds = Number(secondsArg);
const sleepMs = Number(sleepArg);
const thresholds = thresholdArgs.map(Number);

const lateOver: Record<string, number> = Object.fromEntries(thresholds.map((t) => [String(t), 0]));
let wakeups = 0;
let maxLateMs = 0;
const end = performance.now() + seconds * 1000;

function sleepOnce(): void {
  const asleep = performance.now();
  setTimeout(() => {
    const now = performance.now();
    const late = now - asleep - sleepMs;
    wakeups += 1;
    if (late > maxLateMs) maxLateMs = late;
    for (const t of thresholds) if (late > t) lateOver[String(t)]! += 1;
    if (now < end) sleepOnce();
    else process.stdout.write(`${JSON.stringify({ wakeups, lateOver, maxLateMs })}\n`);
  }, sleepMs);
}
sleepOnce();
