// On-demand conversion module: the compiled dictionaries and the DOM walker. Injected into the
// content script's world only when a page's script is switched.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { converterForTarget } from '../src/core/convert/engine.ts';
import { startConversion } from '../src/core/convert/dom.ts';
import { detectScript } from '../src/core/script.ts';
import { qingyueGlobals } from '../src/page/injected.ts';

export default defineUnlistedScript(() => {
  qingyueGlobals.__qingyueConvert ??= { converterForTarget, startConversion, detectScript };
});
