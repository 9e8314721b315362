// Injected-spam detection and removal. See detect.ts for the rules, lexicon-data.ts for the terms.

export { findSpam } from './detect.ts';
export { removeSpam, startSpamRemoval, type SpamJournal } from './remove.ts';
export { scanTerms, lexiconSize, type TermScan } from './lexicon.ts';
