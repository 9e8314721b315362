import { defineConfig } from 'wxt';

import { GOV_MATCHES } from './src/shared/hosts.ts';

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  // QINGYUE_OUT_DIR lets two builds live side by side (e.g. a developer's and a test run's).
  outDir: process.env.QINGYUE_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'scripting', 'activeTab', 'contextMenus', 'clipboardWrite'],
    host_permissions: GOV_MATCHES,
    optional_host_permissions: ['*://*/*'],
    action: { default_title: '__MSG_extName__' },
    commands: {
      'toggle-reader': {
        suggested_key: { default: 'Alt+Shift+R' },
        description: '__MSG_cmdToggleReader__',
      },
      'cycle-script': {
        suggested_key: { default: 'Alt+Shift+C' },
        description: '__MSG_cmdCycleScript__',
      },
      'toggle-spam': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_cmdToggleSpam__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'qingyue@qingyue.example',
              strict_min_version: '128.0',
              // Qingyue collects and transmits nothing (Firefox's data consent declaration).
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
