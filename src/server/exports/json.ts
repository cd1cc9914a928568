/**
 * The JSON export: the questionnaire's id, version and title, then every interview as stored
 * (answers by question id, as the device sent them after the engine's checks), written as a stream.
 * An interview filled through a respondent's link is marked `mode: "self"`, never with its link.
 */
import type { Definition } from '../../survey';
import type { ExportRow } from './columns';

export const jsonHead = (def: Definition, exportedAt: string): string =>
  `{"survey":${JSON.stringify({ id: def.id, version: def.version, title: def.title })},"exportedAt":${JSON.stringify(exportedAt)},"interviews":[`;

export const jsonTail = ']}\n';

export function jsonInterview(r: ExportRow): string {
  return JSON.stringify({
    id: r.id,
    device: r.deviceId,
    enumerator: r.deviceName,
    campaign: r.campaignId || null,
    receivedAt: r.receivedAt,
    startedAt: r.startedAt,
    completedAt: r.completedAt,
    respondentGroup: r.group,
    stratum: r.stratum,
    lang: r.lang,
    mode: r.mode,
    // No link id: a link's note may name the person it was given to, and respondents are told
    // that no export says which link an answer came through.
    clockSuspect: r.clockSuspect,
    answers: r.answers,
    sectionTimes: r.sectionTimes,
  });
}
