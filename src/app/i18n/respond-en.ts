/** English texts of the respondent's page (namespace "respond"); same keys as respond-vi.ts. */
import type { RespondResources } from './respond-vi';

const respondEn: RespondResources = {
  // The tablet's name (en.ts app.title): one English name for the app.
  brand: 'Governance survey',
  loading: 'Opening the questionnaire…',
  context: {
    label: 'Questionnaire for',
    for: 'Questionnaire for: {{who}}',
    at: '{{group}} in {{stratum}}',
  },
  welcome: {
    invite: 'You are invited to answer this questionnaire.',
    organiser: 'Who runs the survey',
    survey: 'Survey',
    purpose: 'Purpose',
    length: 'Time',
    lengthBody: 'About {{questions}} questions, about {{minutes}} min.',
    pause: 'You can stop and open this link again to carry on: your answers are saved on this device as you go.',
    anonymous: 'No name asked',
    anonymousBody: 'The questionnaire does not ask your name, phone number or address. The link is used only so that each link takes the number of answers it allows; the combined results and the exported data do not record which link an answer came through.',
    stored: 'What is stored: your answers, when you started and finished, the language, and the respondent group and unit / area of the link ({{who}}).',
    storedGroup: 'What is stored: your answers, when you started and finished, the language, and the respondent group of the link ({{who}}).',
    use: 'How the answers are used',
    useBody: 'Your answers are combined with those of other people to calculate the province’s index. No one’s answers are published on their own.',
    minCell: 'Results are shown only for groups of {{count}} or more respondents; figures of smaller groups are withheld from every table, report and export, so no one can be recognised by their answers.',
    start: 'Start',
  },
  resume: {
    heading: 'You have started this questionnaire',
    progress: '{{answered}} of {{total}} questions answered. Your answers are saved on this device.',
    continue: 'Continue',
    about: 'About this survey',
  },
  needsConnection: {
    heading: 'A connection is needed to open the questionnaire',
    body: 'The first time this link is opened, the device needs a connection to load the questionnaire. Please turn on Wi-Fi or mobile data and try again. Once the questionnaire is open, you can keep answering without a connection.',
    auto: 'The page opens the questionnaire by itself when the connection returns.',
  },
  failed: {
    heading: 'The questionnaire could not be opened yet',
    body: 'Something went wrong while opening the questionnaire, on the server or on this device. Please try again in a few minutes.',
    code: 'Error code: {{code}}',
    details: 'Technical details (to tell the survey organisers)',
  },
  retry: 'Try again',
  refused: {
    link_unknown: {
      heading: 'Survey link not found',
      body: 'This link is wrong or does not exist. Please check that you have the whole link, or scan the QR code again. If it still does not work, contact the office that sent you the link.',
    },
    link_revoked: {
      heading: 'This link was withdrawn',
      body: 'The survey organisers withdrew this link, so the questionnaire can no longer be answered through it. If you still wish to take part, contact the office that sent you the link for a new one.',
    },
    link_used: {
      heading: 'This questionnaire has already been answered',
      body: 'This link is for one person and a questionnaire has already been sent through it. Each link takes one questionnaire only. If you have never answered it, contact the office that sent you the link.',
    },
    link_exhausted: {
      heading: 'Enough answers received',
      body: 'This link has received all the questionnaires it allows and takes no more answers. Thank you for your interest. If you need to take part, contact the survey organisers.',
    },
    quota_full: {
      heading: 'Enough questionnaires collected',
      body: 'The respondent group of this link already has all the questionnaires needed, so no new one is taken. Thank you for your interest.',
    },
    surveyGone: {
      heading: 'Questionnaire no longer in use',
      body: 'The server no longer takes the questionnaire of this link. Contact the office that sent you the link.',
    },
    other: {
      heading: 'The questionnaire could not be sent',
      body: 'The server refused this questionnaire: {{reason}} (error code {{code}}). Contact the office that sent you the link.',
      unknown: 'reason unknown',
    },
    kept: 'The answers you gave are still kept on this device, but they were not sent.',
  },
  queued: {
    heading: 'Answers saved on this device',
    body: 'Your answers are saved on this device and will be sent automatically when there is a connection.',
    keepOpen: 'Keep this page open when the connection returns, or open this link again later: your answers will be sent automatically, you do not need to answer again.',
    offline: 'This device has no connection at the moment.',
    sending: 'Sending your answers…',
    retryAt: 'Not sent yet ({{reason}}). Trying again by itself at {{time}}.',
    sendNow: 'Send now',
    reason: {
      network: 'the server cannot be reached',
      timeout: 'the server did not answer in time',
      rate_limited: 'the server is busy',
      other: 'the server has a problem',
    },
  },
  sent: {
    heading: 'Thank you!',
    body: 'Your answers were sent. You can close this page.',
  },
  answered: {
    heading: 'You have answered this questionnaire',
    body: 'The server received your answers at {{time}}. Thank you for taking part in the survey; nothing more is needed.',
  },
};

export default respondEn;
