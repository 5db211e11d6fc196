/** Validation shared by every module: the global pipe, the limits every request meets, and field validators. */
export { validationPipe } from './pipe';
export { BoundedWords, hasLongWord, MAX_WORD_LENGTH, TEXT_MESSAGES, textFault } from './text';
export { EARLIEST_DATE, hasAtMostDecimals, isCalendarDate, IsCalendarDate, LATEST_DATE, MaxDecimals } from './values';
export { childPath, depthFault, JSON_BODY_LIMIT, jsonFaults, LIMIT_MESSAGES, MAX_JSON_DEPTH, parameterFaults } from './json-limits';
