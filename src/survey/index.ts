/**
 * The survey engine's contract: everything the app and the server may use from it. Pure: no I/O,
 * no zod at run time (loading definition files lives in ./load, for the build and the server).
 */
export * from './types';
export { tr, isAnswerable, optionsOf, offeredOptions, choiceFilterParents, unansweredFilterParent, rowsOf, answerItems, questionIndex, countQuestions } from './model';
export type { QuestionPlace } from './model';
export { LANGUAGE_CODE_PATTERN, MAX_LANGUAGE_CODE, isLanguageCode, isInterfaceLanguage, defaultLanguageOf, pickText } from './languages';
export { languageLabel } from './language-names';
export { definitionLanguages, textPicker, translationGaps, eachText } from './definition-languages';
export type { TranslationGap } from './definition-languages';
export { evaluate, isAnswered, references } from './conditions';
export { resolve, visibility, keptAnswers, otherSelected, progress } from './visibility';
export type { Visibility, VisibleState, Progress } from './visibility';
export { validateAnswers, checkAnswers, ANSWER_ERROR_CODES } from './validate';
export type { AnswerError, AnswerErrors, AnswerErrorCode, CheckedAnswers, ValidateOptions } from './validate';
export { stratumQuestion, alignStratumAnswer, fillStratumAnswer, bindStratumOption } from './stratum';
export { ratesStrata, strataMatrices, stratumListRows, listLabel, ratedRows, plannedRows, bindStrataRows, bindInterview, strataRowsOver } from './strata-rows';
export type { CampaignStrata } from './strata-rows';
export { withDefaults, localDate } from './defaults';
export type { InterviewStratum, LabelledStratum, AlignedAnswers } from './stratum';
export { scoreContributions, scoreKeptContributions, combineScores, addTotals, scoreLeaves, partKey, criterionKey, OVERALL_KEY, aggregationOf, totalsOf, contributionTotal, breakdownKey, parseBreakdownKey } from './scoring';
export type { ScoreContribution, ScoreTotal, ScoreTotals, ScoreReport, ComponentScore, PartScore, Spread } from './scoring';
export { groupTarget, campaignDiscrepancies } from './campaign-targets';
export type { Discrepancy } from './campaign-targets';
export type { Campaign, CampaignGroup, CampaignStratum, QuotaPolicy, ScoreTarget } from './campaign';
export { methodNote } from './method-text';
