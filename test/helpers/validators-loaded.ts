/**
 * Runs before every unit test file (vitest `setupFiles`): loads every operation's validator module, as a process
 * has after its first call of each operation. Fake-timer tests advance time assuming the code waits only on timers
 * and microtasks, but a validator's first load waits on file I/O, which fake time cannot advance. The first load
 * itself is tested in test/internal/validate-inputs.test.ts, and through dist/ by the package tests.
 */
import { operations as apig } from "../../generated/operations/apig.js";
import { operations as dds } from "../../generated/operations/dds.js";
import { operations as iam } from "../../generated/operations/iam.js";

// Through the generated loaders, not src/: mutation testing would count src/ code run here against every test.
await Promise.all([...apig, ...dds, ...iam].map((entry) => entry.loadValidator()));
