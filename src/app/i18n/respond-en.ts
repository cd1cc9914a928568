/** English texts of the respondent's page (namespace "respond"); same keys as respond-vi.ts. */
import type { RespondResources } from './respond-vi';

const respondEn: RespondResources = {
  brand: 'Administrative reform survey',
  loading: 'Opening the questionnaire…',
  context: {
    label: 'Questionnaire for',
    group: 'Respondent group: {{group}}',
    stratum: 'Unit / area: {{stratum}}',
  },
  needsConnection: {
    heading: 'A connection is needed to open the questionnaire',
    body: 'The first time this link is opened, the device needs a connection to load the questionnaire. Turn on Wi-Fi or mobile data and try again. Once the questionnaire is open, you can keep answering without a connection.',
    auto: 'The page opens the questionnaire by itself when the connection returns.',
  },
  failed: {
    heading: 'The questionnaire could not be opened yet',
    body: 'The server has a problem ({{message}}). Please try again in a few minutes.',
  },
  retry: 'Try again',
  refused: {
    link_unknown: {
      heading: 'Survey link not found',
      body: 'This link is wrong or does not exist. Check that you have the whole link, or scan the QR code again. If it still does not work, contact the office that sent you the link.',
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
      body: 'The server refused this questionnaire (code {{code}}: {{message}}). Contact the office that sent you the link.',
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
