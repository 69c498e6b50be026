import type { D1Migration } from 'cloudflare:test';
import type { Env as WorkerEnv } from '../env';

// Types `env` and `exports` from "cloudflare:workers" inside tests.
declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
      /** The scripted OpenAI-compatible server, in the worker-openai project only. */
      FAKE_OPENAI_URL?: string;
    }
    interface GlobalProps {
      mainModule: typeof import('../index');
    }
  }
}
