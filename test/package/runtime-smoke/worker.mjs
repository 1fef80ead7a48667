// The smoke checks under workerd (Cloudflare's Workers runtime), run by `workerd test`: the test() handler gets the
// emulator's address and the AK/SK from the SMOKE binding and prints the facts as one JSON line. Bundled into one
// file with esbuild first, as wrangler bundles a Worker.
import { smoke } from "./checks.mjs";

export default {
  async test(_controller, env) {
    console.log(JSON.stringify(await smoke({ runtime: `workerd ${env.SMOKE.version}`, ...env.SMOKE })));
  },
};
