// A separate process on the bus, for bus.contract.test.ts: subscribes through the built Redis bus,
// prints "ready", then each event as one JSON line; closes the bus and exits when stdin ends.
import { createRedisEventBus } from "../../dist/src/events/redis-bus.js";
import { createLogger } from "../../dist/src/observability/logger.js";

const bus = await createRedisEventBus({
  url: process.env.REDIS_URL,
  prefix: process.env.BUS_PREFIX,
  logger: createLogger({ level: "warn", destination: process.stderr }),
});
bus.subscribe((event) => process.stdout.write(`${JSON.stringify(event)}\n`));
process.stdin.on("end", () => void bus.close());
process.stdin.resume();
process.stdout.write("ready\n");
