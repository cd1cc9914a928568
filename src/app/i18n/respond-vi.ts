/** Vietnamese texts of the respondent's page (namespace "respond", loaded with its chunk). */
const respondVi = {
  brand: 'Khảo sát CCHC',
  loading: 'Đang mở phiếu khảo sát…',
  context: {
    label: 'Phiếu dành cho',
    group: 'Nhóm đối tượng: {{group}}',
    stratum: 'Đơn vị / địa bàn: {{stratum}}',
  },
  needsConnection: {
    heading: 'Cần kết nối mạng để mở phiếu',
    body: 'Lần đầu mở đường dẫn này, máy cần kết nối mạng để tải phiếu khảo sát. Hãy bật Wi-Fi hoặc dữ liệu di động rồi thử lại. Khi phiếu đã mở, bạn có thể tiếp tục trả lời cả khi mất mạng.',
    auto: 'Trang sẽ tự mở phiếu khi có mạng trở lại.',
  },
  failed: {
    heading: 'Chưa mở được phiếu',
    body: 'Máy chủ đang gặp sự cố ({{message}}). Vui lòng thử lại sau ít phút.',
  },
  retry: 'Thử lại',
  refused: {
    link_unknown: {
      heading: 'Không tìm thấy đường dẫn khảo sát',
      body: 'Đường dẫn này không đúng hoặc không tồn tại. Hãy kiểm tra lại đường dẫn đầy đủ hoặc quét lại mã QR. Nếu vẫn không được, hãy liên hệ cơ quan đã gửi đường dẫn cho bạn.',
    },
    link_revoked: {
      heading: 'Đường dẫn đã bị thu hồi',
      body: 'Cơ quan tổ chức khảo sát đã thu hồi đường dẫn này nên không thể trả lời phiếu qua đường dẫn này nữa. Nếu bạn vẫn muốn tham gia, hãy liên hệ cơ quan đã gửi đường dẫn để nhận đường dẫn mới.',
    },
    link_used: {
      heading: 'Phiếu này đã được trả lời',
      body: 'Đường dẫn này chỉ dành cho một người và đã có một phiếu trả lời được gửi qua đường dẫn này. Mỗi đường dẫn chỉ nhận một phiếu. Nếu bạn chưa từng trả lời, hãy liên hệ cơ quan đã gửi đường dẫn.',
    },
    link_exhausted: {
      heading: 'Đã nhận đủ số phiếu',
      body: 'Đường dẫn này đã nhận đủ số phiếu cho phép nên không nhận thêm câu trả lời. Cảm ơn bạn đã quan tâm. Nếu cần tham gia, hãy liên hệ cơ quan tổ chức khảo sát.',
    },
    quota_full: {
      heading: 'Đã đủ số phiếu cần thu',
      body: 'Nhóm người trả lời của đường dẫn này đã đủ số phiếu cần thu nên không nhận thêm phiếu mới. Cảm ơn bạn đã quan tâm.',
    },
    surveyGone: {
      heading: 'Phiếu khảo sát không còn sử dụng',
      body: 'Máy chủ không còn nhận phiếu khảo sát của đường dẫn này. Hãy liên hệ cơ quan đã gửi đường dẫn.',
    },
    other: {
      heading: 'Không gửi được phiếu',
      body: 'Máy chủ từ chối phiếu này (mã {{code}}: {{message}}). Hãy liên hệ cơ quan đã gửi đường dẫn.',
    },
    kept: 'Các câu trả lời bạn đã nhập vẫn được giữ trên máy này nhưng không được gửi đi.',
  },
  queued: {
    heading: 'Đã lưu câu trả lời trên máy',
    body: 'Câu trả lời đã được lưu trên máy và sẽ tự gửi khi có kết nối.',
    keepOpen: 'Hãy để trang này mở khi có mạng trở lại, hoặc mở lại đường dẫn này sau: câu trả lời sẽ được gửi tự động, bạn không cần trả lời lại.',
    offline: 'Hiện máy chưa có kết nối mạng.',
    sending: 'Đang gửi câu trả lời…',
    retryAt: 'Chưa gửi được ({{reason}}). Sẽ tự thử lại lúc {{time}}.',
    sendNow: 'Gửi ngay',
    reason: {
      network: 'không kết nối được máy chủ',
      timeout: 'máy chủ không trả lời kịp',
      rate_limited: 'máy chủ đang bận',
      other: 'máy chủ đang gặp sự cố',
    },
  },
  sent: {
    heading: 'Cảm ơn bạn!',
    body: 'Câu trả lời của bạn đã được gửi thành công. Bạn có thể đóng trang này.',
  },
  answered: {
    heading: 'Bạn đã trả lời phiếu này',
    body: 'Câu trả lời của bạn đã được máy chủ nhận lúc {{time}}. Cảm ơn bạn đã tham gia khảo sát; không cần làm gì thêm.',
  },
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type RespondResources = Widen<typeof respondVi>;
export default respondVi;
