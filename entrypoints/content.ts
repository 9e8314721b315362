// Runs on every government page at document_start. Kept small: spam removal and article
// detection only; dictionaries and the reader arrive on demand (see background.ts).
import { defineContentScript } from 'wxt/utils/define-content-script';
import { PageController } from '../src/page/controller.ts';
import { GOV_MATCHES } from '../src/shared/hosts.ts';

export default defineContentScript({
  matches: GOV_MATCHES,
  runAt: 'document_start',
  main() {
    // Also injected by "Run on this page" and per-site registrations: start once per document.
    const flag = '__qingyueStarted';
    const scope = globalThis as typeof globalThis & { [flag]?: boolean };
    if (scope[flag]) return;
    scope[flag] = true;
    new PageController(document).start().catch((error: unknown) => {
      console.warn('[Qingyue] could not start:', error);
    });
  },
});
