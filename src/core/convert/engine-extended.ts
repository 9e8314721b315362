/**
 * The engine with every direction opencc-js offers, including those the extension never uses
 * (`twp`: Taiwan vocabulary, `hkp`: Hong Kong vocabulary, `jp`: Japanese Shinjitai), so that
 * tests can check all of OpenCC's upstream cases. Importing this module adds their dictionaries;
 * the extension's bundles import engine.ts alone and do not carry them.
 */
import { EXTENDED_GROUPS, EXTENDED_PIPELINES } from './generated/extended';
import { addDictionaries } from './engine';

addDictionaries(EXTENDED_GROUPS, EXTENDED_PIPELINES);

export * from './engine';
