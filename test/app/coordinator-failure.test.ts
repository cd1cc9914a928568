/** The coordinators' pages say what the server refused in the page's language, never the server's English. */
import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../src/app/coordinator/failure';
import '../../src/app/coordinator/i18n';
import { i18n, setLang } from '../../src/app/i18n';
import { ApiFailure, NetworkFailure } from '../../src/sync';

const refusal = new ApiFailure(422, 'unknown_stratum', '"xyz" is not in the list "districts" of the respondent group "citizen".', [
  { path: 'stratum', message: 'not in the list' },
]);

describe('a coordinator request that failed', () => {
  it('is told in Vietnamese on Vietnamese pages, with the fields named and the code for support', () => {
    void setLang('vi');
    const text = describeFailure(refusal, i18n.getFixedT('vi', 'coordinator'));
    expect(text).toBe('Địa bàn / đơn vị không hợp lệ với nhóm đối tượng này. (stratum) (unknown_stratum)');
    expect(text).not.toMatch(/is not in the list/);
  });

  it('is told in English on English pages', () => {
    void setLang('en');
    expect(describeFailure(refusal, i18n.getFixedT('en', 'coordinator'))).toBe('The area or unit is not valid for this respondent group. (stratum) (unknown_stratum)');
    void setLang('vi');
  });

  it('a status the server gives no known code for, and no connection', () => {
    void setLang('vi');
    const t = i18n.getFixedT('vi', 'coordinator');
    expect(describeFailure(new ApiFailure(502, 'http_error', 'HTTP 502'), t)).toBe('Máy chủ trả lời lỗi HTTP 502. (http_error)');
    expect(describeFailure(new NetworkFailure('fetch failed', false), t)).toMatch(/^Không kết nối được máy chủ/);
  });
});
