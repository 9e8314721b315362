// Pre-hide: registered by the background at document_start for exactly the sites where the reader
// chose a script (src/shared/prehide.ts), so that their pages stay hidden from the first paint
// until the content script has converted what is visible. Tiny on purpose; bounded by a timer.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { hidePage } from '../src/page/reveal.ts';

export default defineUnlistedScript(() => {
  try {
    hidePage(document, 1500);
  } catch {
    // Never break a page: at worst it shows unconverted for a moment.
  }
});
