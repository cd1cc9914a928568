import { beforeEach, describe, expect, it } from 'vitest';
import { afterPaint } from '../../src/app/form/taps';
import { getRecord, startInterview } from '../../src/store';
import { AutoSave } from '../../src/app/form/autosave';
import { def, section, single, text } from '../survey/fixtures';
import { resetDevice } from './helpers';

const survey = def({ sections: [section('s', [single('q1', ['a', 'b']), text('note')])] });

beforeEach(resetDevice);

describe('AutoSave', () => {
  it('writes a change after the next paint, merging changes made within the same frame', async () => {
    const record = await startInterview({ definition: survey, respondentGroup: 'citizens', lang: 'vi' });
    const autosave = new AutoSave(record.id);
    autosave.save({ answers: { q1: 'a' } });
    autosave.save({ answers: { q1: 'b', note: 'x' } });
    expect((await getRecord(record.id))?.answers).toEqual({});
    await new Promise<void>((r) => afterPaint(r)); // after the frame the save waits for
    await autosave.flush();
    expect((await getRecord(record.id))?.answers).toEqual({ q1: 'b', note: 'x' });
    expect(autosave.getStatus()).toBe('saved');
  });

  it('flush writes a queued change at once (page hidden, tab closing, update accepted)', async () => {
    const record = await startInterview({ definition: survey, respondentGroup: 'citizens', lang: 'vi' });
    const autosave = new AutoSave(record.id);
    autosave.save({ answers: { q1: 'a' } });
    await autosave.flush();
    expect((await getRecord(record.id))?.answers).toEqual({ q1: 'a' });
  });
});
