// On-demand reader module: extraction (Readability, DOMPurify) and the reader UI. Injected into the
// content script's world only when the reader is opened.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extractArticle } from '../src/core/article/extract.ts';
import { ENGLISH_READER_STRINGS, READER_STRING_KEYS, openReader } from '../src/reader/mount.ts';
import { qingyueGlobals } from '../src/page/injected.ts';

export default defineUnlistedScript(() => {
  qingyueGlobals.__qingyueReader ??= {
    stringKeys: READER_STRING_KEYS,
    englishStrings: ENGLISH_READER_STRINGS,
    extract: (doc) => extractArticle(doc, { url: doc.location.href, purifyWindow: window }),
    open: (doc, article, options) => {
      const handle = openReader(doc, {
        article,
        prefs: options.prefs,
        strings: options.strings,
        lang: options.lang,
        onPrefsChange: options.onPrefsChange,
        onClose: options.onClose,
      });
      if (options.convert) handle.setTextConverter(options.convert, options.lang);
      return handle;
    },
  };
});
