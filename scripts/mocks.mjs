// `npm run mocks`: the three Prism mocks on free loopback ports, driven by the specs, until Ctrl-C.
// `--once` prints the URLs and stops (used by tests).
import path from "node:path";
import { SPECS, startPrism } from "./prism.mjs";

const root = path.resolve(import.meta.dirname, "..");
const once = process.argv.includes("--once");
const mocks = await Promise.all(Object.entries(SPECS).map(async ([name, spec]) => ({ name, ...(await startPrism({ spec: path.join(root, spec), name })) })));
const stopAll = () => Promise.all(mocks.map((m) => m.stop()));

console.log("Prism mocks (request and response validation on, --errors):");
for (const m of mocks) console.log(`  ${m.name.padEnd(5)} ${m.url}`);
console.log(`\nTry: curl -s -X PUT ${mocks[0].url}/v2/p/apigw/instances/6a7d71827fd54572b1f31aa9548fcc81/ingress-unregister \\
  -H 'X-Auth-Token: any' -H 'Content-Type: application/json' \\
  -d '{"elbs":[{"elb_id":"85392b45-685c-4f77-b19a-14ad875b8190","public_ips":[{"type":"v4","ip":"192.0.2.10"}]}]}'`);

if (once) {
  await stopAll();
} else {
  console.log("\nPress Ctrl-C to stop.");
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, async () => {
      await stopAll();
      process.exit(0);
    });
  }
}
