// The background only routes: it injects the on-demand modules into tabs, keeps the toolbar badge
// in step with each tab, answers keyboard commands and context menus, and keeps the per-site
// content-script registrations in step with the hosts the user granted.
import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import type { ScriptTarget } from '../src/core/types.ts';
import { SCRIPT_TARGETS, siteKeyOf } from '../src/settings/schema.ts';
import { getSiteSettings, updateSite } from '../src/settings/storage.ts';
import {
  INJECTED_FILES,
  type BackgroundRequest,
  type ContentRequest,
  type PageState,
} from '../src/shared/messages.ts';
import {
  CONTENT_SCRIPT_FILE,
  injectIntoGrantedTabs,
  syncSiteRegistrations,
} from '../src/shared/site-access.ts';
import { t } from '../src/shared/i18n.ts';
import { syncPrehideRegistration } from '../src/shared/prehide.ts';
import { SITE_KEY_PREFIX } from '../src/settings/storage.ts';

async function inject(tabId: number, frameId: number, module: 'convert' | 'reader'): Promise<void> {
  await browser.scripting.executeScript({
    target: { tabId, frameIds: [frameId] },
    files: [INJECTED_FILES[module]],
  });
}

async function showState(tabId: number, state: PageState): Promise<void> {
  const removed = state.spamItems.length;
  const text = removed > 0 ? String(removed) : state.isArticle ? '✓' : '';
  await browser.action.setBadgeText({ tabId, text });
  await browser.action.setBadgeBackgroundColor({
    tabId,
    color: removed > 0 ? '#b91c1c' : '#166534',
  });
  const parts = [t('extName')];
  if (state.isArticle) parts.push(t('statusArticle'));
  parts.push(t('statusSpamRemoved', String(removed)));
  await browser.action.setTitle({ tabId, title: parts.join(' · ') });
}

async function activeTab(): Promise<Browser.tabs.Tab | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

async function sendToTab(tabId: number, request: ContentRequest): Promise<unknown> {
  return browser.tabs.sendMessage(tabId, request, { frameId: 0 });
}

async function cycleScript(tab: Browser.tabs.Tab): Promise<void> {
  const site = siteKeyOf(tab.url ?? '');
  if (!site) return;
  const current = (await getSiteSettings(site)).script;
  const next: ScriptTarget =
    SCRIPT_TARGETS[(SCRIPT_TARGETS.indexOf(current) + 1) % SCRIPT_TARGETS.length] ?? 'original';
  await updateSite(site, { script: next });
}

async function toggleSpam(tab: Browser.tabs.Tab): Promise<void> {
  const site = siteKeyOf(tab.url ?? '');
  if (!site) return;
  const current = (await getSiteSettings(site)).spam;
  await updateSite(site, { spam: !current });
}

/** Makes sure the content script runs in the tab (pages outside the government hosts). */
async function ensureContentScript(tabId: number): Promise<void> {
  try {
    await sendToTab(tabId, { type: 'qy:getState' });
  } catch {
    await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT_FILE] });
  }
}

const MENU_READER = 'qy-open-reader';
const MENU_TO_HANS = 'qy-selection-hans';
const MENU_TO_HANT = 'qy-selection-hant';

function createMenus(): void {
  browser.contextMenus.removeAll().then(
    () => {
      browser.contextMenus.create({
        id: MENU_READER,
        title: t('menuOpenReader'),
        contexts: ['page'],
      });
      browser.contextMenus.create({
        id: MENU_TO_HANS,
        title: t('menuSelectionToHans'),
        contexts: ['selection'],
      });
      browser.contextMenus.create({
        id: MENU_TO_HANT,
        title: t('menuSelectionToHant'),
        contexts: ['selection'],
      });
    },
    (error: unknown) => console.warn('[Qingyue] menus:', error),
  );
}

/** Converts the selection in the tab and puts the result on the clipboard (runs in the tab). */
function convertSelectionInPage(target: ScriptTarget): Promise<boolean> {
  type ConvertGlobal = {
    __qingyueConvert?: {
      converterForTarget(
        t: ScriptTarget,
        s: 'hans' | 'hant' | 'none',
      ): ((x: string) => string) | null;
    };
  };
  const module = (globalThis as ConvertGlobal).__qingyueConvert;
  const selected = globalThis.getSelection()?.toString() ?? '';
  if (!module || !selected) return Promise.resolve(false);
  const convert = module.converterForTarget(target, target === 'hans' ? 'hant' : 'hans');
  const converted = convert ? convert(selected) : selected;
  // A context-menu click is not a user activation in the page, so the async clipboard API may
  // refuse; the `clipboardWrite` permission lets the classic copy command through instead.
  const copyWithCommand = (): boolean => {
    const holder = document.createElement('textarea');
    holder.value = converted;
    holder.setAttribute('data-qingyue-ui', '');
    holder.style.cssText = 'position:fixed;opacity:0;pointer-events:none';
    document.documentElement.append(holder);
    holder.select();
    const copied = document.execCommand('copy');
    holder.remove();
    return copied;
  };
  return navigator.clipboard.writeText(converted).then(
    () => true,
    () => copyWithCommand(),
  );
}

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const request = message as BackgroundRequest;
    const tabId = sender.tab?.id;
    if (tabId === undefined) return undefined;
    if (request?.type === 'qy:inject') {
      return inject(tabId, sender.frameId ?? 0, request.module).then(() => true);
    }
    if (request?.type === 'qy:state' && (sender.frameId ?? 0) === 0) {
      return showState(tabId, request.state).then(() => true);
    }
    return undefined;
  });

  browser.commands.onCommand.addListener(async (command) => {
    const tab = await activeTab();
    if (tab?.id === undefined) return;
    try {
      if (command === 'toggle-reader') {
        await ensureContentScript(tab.id);
        await sendToTab(tab.id, { type: 'qy:toggleReader' });
      } else if (command === 'cycle-script') {
        await cycleScript(tab);
      } else if (command === 'toggle-spam') {
        await toggleSpam(tab);
      }
    } catch (error) {
      console.warn('[Qingyue] command failed:', command, error);
    }
  });

  browser.runtime.onInstalled.addListener(createMenus);
  browser.runtime.onStartup.addListener(createMenus);
  browser.contextMenus.onClicked.addListener(async (info, tab) => {
    if (tab?.id === undefined) return;
    try {
      if (info.menuItemId === MENU_READER) {
        await ensureContentScript(tab.id);
        await sendToTab(tab.id, { type: 'qy:openReader' });
        return;
      }
      const target: ScriptTarget | null =
        info.menuItemId === MENU_TO_HANS
          ? 'hans'
          : info.menuItemId === MENU_TO_HANT
            ? 'hant'
            : null;
      if (!target) return;
      await inject(tab.id, info.frameId ?? 0, 'convert');
      await browser.scripting.executeScript({
        target: { tabId: tab.id, frameIds: [info.frameId ?? 0] },
        func: convertSelectionInPage,
        args: [target],
      });
    } catch (error) {
      console.warn('[Qingyue] menu action failed:', error);
    }
  });

  // Sites the user chose with "Always run on this site" get the content script registered.
  // Tabs of the site that are already open get it now (the popup may be gone: Firefox closes it
  // while the permission prompt is up).
  browser.permissions.onAdded.addListener((permissions) => {
    void syncSiteRegistrations().then(syncPrehideRegistration);
    void injectIntoGrantedTabs(permissions.origins ?? []);
  });
  browser.permissions.onRemoved.addListener(
    () => void syncSiteRegistrations().then(syncPrehideRegistration),
  );
  void syncSiteRegistrations();

  // The pages that convert as they load are hidden from their first paint (src/shared/prehide.ts):
  // the registration follows every change of a site's or the default script.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (Object.keys(changes).some((key) => key === 'defaults' || key.startsWith(SITE_KEY_PREFIX))) {
      void syncPrehideRegistration();
    }
  });
  void syncPrehideRegistration();
});
