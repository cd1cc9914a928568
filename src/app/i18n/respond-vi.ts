/** Vietnamese texts of the respondent's page (namespace "respond", loaded with its chunk). */
const respondVi = {
  brand: 'Khảo sát CCHC',
  loading: 'Đang mở phiếu khảo sát…',
  context: {
    label: 'Phiếu dành cho',
    for: 'Phiếu dành cho: {{who}}',
    at: '{{group}} tại {{stratum}}',
  },
  welcome: {
    invite: 'Kính mời Ông/Bà trả lời phiếu khảo sát này.',
    organiser: 'Cơ quan tổ chức',
    survey: 'Cuộc khảo sát',
    purpose: 'Mục đích',
    length: 'Thời gian',
    lengthBody: 'Khoảng {{questions}} câu hỏi, mất khoảng {{minutes}} phút.',
    pause: 'Ông/Bà có thể dừng lại và mở lại đường dẫn này để trả lời tiếp: câu trả lời được lưu ngay trên máy này.',
    anonymous: 'Không ghi danh tính',
    anonymousBody: 'Phiếu không hỏi họ tên, số điện thoại hay địa chỉ của Ông/Bà. Đường dẫn chỉ dùng để mỗi đường dẫn nhận đúng số phiếu cho phép; kết quả tổng hợp và dữ liệu xuất ra không ghi phiếu đến từ đường dẫn nào.',
    stored: 'Những gì được lưu: các câu trả lời, thời điểm bắt đầu và hoàn thành, ngôn ngữ trả lời, nhóm đối tượng và đơn vị / địa bàn của đường dẫn ({{who}}).',
    storedGroup: 'Những gì được lưu: các câu trả lời, thời điểm bắt đầu và hoàn thành, ngôn ngữ trả lời và nhóm đối tượng của đường dẫn ({{who}}).',
    use: 'Sử dụng kết quả',
    useBody: 'Câu trả lời của Ông/Bà được tổng hợp cùng phiếu của những người khác để tính chỉ số của tỉnh. Không công bố riêng câu trả lời của bất kỳ ai.',
    minCell: 'Kết quả chỉ được hiển thị cho nhóm có từ {{count}} người trả lời trở lên; số liệu của nhóm nhỏ hơn được ẩn ở mọi bảng, báo cáo và tệp xuất, để không ai bị nhận ra qua câu trả lời.',
    start: 'Bắt đầu trả lời',
  },
  resume: {
    heading: 'Ông/Bà đang trả lời dở phiếu này',
    progress: 'Đã trả lời {{answered}}/{{total}} câu. Các câu trả lời đã được lưu trên máy này.',
    continue: 'Tiếp tục trả lời',
    about: 'Về cuộc khảo sát',
  },
  needsConnection: {
    heading: 'Cần kết nối mạng để mở phiếu',
    body: 'Lần đầu mở đường dẫn này, máy cần kết nối mạng để tải phiếu khảo sát. Xin Ông/Bà bật Wi-Fi hoặc dữ liệu di động rồi thử lại. Khi phiếu đã mở, Ông/Bà có thể tiếp tục trả lời cả khi mất mạng.',
    auto: 'Trang sẽ tự mở phiếu khi có mạng trở lại.',
  },
  failed: {
    heading: 'Chưa mở được phiếu',
    body: 'Có sự cố khi mở phiếu, ở máy chủ hoặc trên máy này. Xin Ông/Bà vui lòng thử lại sau ít phút.',
    code: 'Mã lỗi: {{code}}',
    details: 'Chi tiết kỹ thuật (để báo cho cơ quan tổ chức khảo sát)',
  },
  retry: 'Thử lại',
  refused: {
    link_unknown: {
      heading: 'Không tìm thấy đường dẫn khảo sát',
      body: 'Đường dẫn này không đúng hoặc không tồn tại. Xin Ông/Bà kiểm tra lại đường dẫn đầy đủ hoặc quét lại mã QR. Nếu vẫn không được, xin liên hệ cơ quan đã gửi đường dẫn cho Ông/Bà.',
    },
    link_revoked: {
      heading: 'Đường dẫn đã bị thu hồi',
      body: 'Cơ quan tổ chức khảo sát đã thu hồi đường dẫn này nên không thể trả lời phiếu qua đường dẫn này nữa. Nếu Ông/Bà vẫn muốn tham gia, xin liên hệ cơ quan đã gửi đường dẫn để nhận đường dẫn mới.',
    },
    link_used: {
      heading: 'Phiếu này đã được trả lời',
      body: 'Đường dẫn này chỉ dành cho một người và đã có một phiếu trả lời được gửi qua đường dẫn này. Mỗi đường dẫn chỉ nhận một phiếu. Nếu Ông/Bà chưa từng trả lời, xin liên hệ cơ quan đã gửi đường dẫn.',
    },
    link_exhausted: {
      heading: 'Đã nhận đủ số phiếu',
      body: 'Đường dẫn này đã nhận đủ số phiếu cho phép nên không nhận thêm câu trả lời. Cảm ơn Ông/Bà đã quan tâm. Nếu cần tham gia, xin liên hệ cơ quan tổ chức khảo sát.',
    },
    quota_full: {
      heading: 'Đã đủ số phiếu cần thu',
      body: 'Nhóm người trả lời của đường dẫn này đã đủ số phiếu cần thu nên không nhận thêm phiếu mới. Cảm ơn Ông/Bà đã quan tâm.',
    },
    surveyGone: {
      heading: 'Phiếu khảo sát không còn sử dụng',
      body: 'Máy chủ không còn nhận phiếu khảo sát của đường dẫn này. Xin liên hệ cơ quan đã gửi đường dẫn.',
    },
    other: {
      heading: 'Không gửi được phiếu',
      body: 'Máy chủ từ chối phiếu này: {{reason}} (mã lỗi {{code}}). Xin liên hệ cơ quan đã gửi đường dẫn.',
      unknown: 'lý do chưa rõ',
    },
    kept: 'Các câu trả lời Ông/Bà đã nhập vẫn được giữ trên máy này nhưng không được gửi đi.',
  },
  queued: {
    heading: 'Đã lưu câu trả lời trên máy',
    body: 'Câu trả lời đã được lưu trên máy và sẽ tự gửi khi có kết nối.',
    keepOpen: 'Xin Ông/Bà để trang này mở khi có mạng trở lại, hoặc mở lại đường dẫn này sau: câu trả lời sẽ được gửi tự động, Ông/Bà không cần trả lời lại.',
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
    heading: 'Cảm ơn Ông/Bà!',
    body: 'Câu trả lời của Ông/Bà đã được gửi thành công. Ông/Bà có thể đóng trang này.',
  },
  answered: {
    heading: 'Ông/Bà đã trả lời phiếu này',
    body: 'Câu trả lời của Ông/Bà đã được máy chủ nhận lúc {{time}}. Cảm ơn Ông/Bà đã tham gia khảo sát; không cần làm gì thêm.',
  },
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type RespondResources = Widen<typeof respondVi>;
export default respondVi;
