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
  zip: {
    // The sources zip (for the Firefox store's review) holds what builds the extension, not the
    // test and demo artefacts or generated dictionaries (the build script makes those).
    excludeSources: [
      'test-results/**',
      'demo-output/**',
      '.output*/**',
      'bench/results.json',
      'src/core/convert/generated/**',
      '**/.tmp*',
      '**/.dbg*',
      '**/zz-*',
    ],
  },
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
