export { DevicePage } from './DevicePage';
export { HomePage } from './HomePage';
export { InterviewPage, type AnswerValue } from './InterviewPage';
export { StartPage } from './StartPage';
export { SyncBar } from './SyncBar';
export { RespondentPage } from './RespondentPage';
