/**
 * The error catalogue: every error the API can answer, with its HTTP status and the Chinese
 * message users see. The BFF throws these codes; the client shows the message for a code it
 * receives, so both sides read this one table. `retryAfter`: the answer always carries
 * `Retry-After` (seconds) and `details.retryAfterSeconds`.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, message: '提交的数据格式不正确' },
  BODY_TOO_LARGE: { status: 413, message: '提交的数据过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的数据格式' },
  MALFORMED_JSON: { status: 400, message: '请求内容不是有效的 JSON' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  TOKEN_INVALID: { status: 401, message: '登录已失效，请重新登录' },
  FORBIDDEN: { status: 403, message: '没有访问权限' },
  NOT_FOUND: { status: 404, message: '请求的资源不存在' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在' },
  METHOD_NOT_ALLOWED: { status: 405, message: '该接口不支持此请求方法' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试', retryAfter: true },
  // enterprise login
  ENTERPRISE_NOT_FOUND: { status: 404, message: '未找到该企业，请核对二维码或统一社会信用代码' },
  USCC_INVALID: { status: 400, message: '统一社会信用代码格式不正确' },
  KEY_WRONG: { status: 401, message: '密钥不正确' },
  KEY_LOCKED: { status: 429, message: '密钥错误次数过多，已暂时锁定', retryAfter: true },
  LOGIN_UNAVAILABLE: { status: 503, message: '登录服务暂时不可用，请稍后重试' },
  // staff login
  CREDENTIALS_WRONG: { status: 401, message: '用户名或密码不正确' },
  ACCOUNT_LOCKED: { status: 429, message: '密码错误次数过多，账号已暂时锁定', retryAfter: true },
  // the assessment window
  WINDOW_NOT_OPEN: { status: 403, message: '测评尚未开始' },
  WINDOW_CLOSED: { status: 403, message: '测评系统已关闭，不能再提交或修改答案' },
  // drafts and attempts
  DRAFT_CONFLICT: { status: 409, message: '答案已在其他设备上修改，请选择保留哪一份' },
  NO_DRAFT: { status: 404, message: '还没有开始答题' },
  ANSWERS_INVALID: { status: 422, message: '部分题目未作答或填写有误，请检查后再提交' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, message: '该提交编号已用于另一份答案' },
  ATTEMPT_NOT_FOUND: { status: 404, message: '未找到该次测评记录' },
  QUESTIONNAIRE_NOT_FOUND: { status: 404, message: '问卷不存在' },
  // campaigns and enterprises (admin)
  CAMPAIGN_NOT_FOUND: { status: 404, message: '测评活动不存在' },
  CAMPAIGN_WINDOW_INVALID: { status: 400, message: '测评开始时间必须早于关闭时间' },
  CAMPAIGN_LOCKED: { status: 409, message: '测评已开始，不能再更换问卷' },
  EXTENSION_INVALID: { status: 400, message: '延期截止时间必须晚于测评关闭时间' },
  KEY_NOT_ISSUED: { status: 401, message: '该企业的密钥尚未发放，请联系所在地知识产权局' },
  IMPORT_NOT_FOUND: { status: 404, message: '导入任务不存在或已过期' },
  // staff accounts and pass lines
  STAFF_USERNAME_TAKEN: { status: 409, message: '用户名已被使用' },
  STAFF_SCOPE_INVALID: { status: 400, message: '账号的地区或地市不正确' },
  PASSLINES_INCOMPLETE: { status: 400, message: '请先设置优势企业合格线和示范企业合格线' },
  PASSLINES_PUBLISHED: { status: 409, message: '合格线已公布，不能再修改' },
  RESULTS_HIDDEN: { status: 403, message: '测评期间不显示成绩，请在系统关闭后查看' },
  // workbooks and imports
  FILE_INVALID: { status: 400, message: '文件无法读取，请上传 .xlsx 或 .csv 文件' },
  FILE_TOO_LARGE: { status: 413, message: '文件过大' },
  TOO_MANY_ROWS: { status: 413, message: '文件行数超过上限' },
  // sessions and login (issue 13)
  USCC_OR_KEY_WRONG: { status: 401, message: '统一社会信用代码或密钥不正确' },
  KEY_SLOWED: { status: 429, message: '密钥错误次数较多，请稍后再试（扫描二维码登录不受影响）', retryAfter: true },
  ACCOUNT_SLOWED: { status: 429, message: '密码错误次数较多，请稍后再试', retryAfter: true },
  // uploads (issue 13)
  FILE_TOO_COMPLEX: { status: 422, message: '文件内容过多或过于复杂（单元格、行、工作表超出上限或解析超时），请删除多余内容或拆分后再上传' },
  UPLOADS_BUSY: { status: 503, message: '正在处理的上传文件较多，请稍后重试', retryAfter: true },
  // after the close (issue 16)
  REVIEW_NOT_OPEN: { status: 409, message: '合格线公布且测评系统关闭后，才能初核、评审和推荐' },
  REVIEW_NOT_APPLICABLE: { status: 422, message: '该企业不参加这项初核或评审' },
  REVIEW_DECISION_INVALID: { status: 422, message: '初核结论不符合规则：达到合格线方可通过，不通过须填写理由' },
  LIST_INVALID: { status: 422, message: '推荐名单不符合规则（名额、合格线或申报类型）' },
  PACKAGE_LOCKED: { status: 409, message: '材料已上报，国家知识产权局退回前不能修改' },
  PACKAGE_INVALID: { status: 422, message: '上报材料尚不完整或不符合规则，请按提示修改' },
  PACKAGE_STALE: { status: 409, message: '材料在您查看后有改动，请刷新后再上报' },
  PACKAGE_NOT_FOUND: { status: 404, message: '未找到该版本的上报材料' },
  PACKAGE_STATE_CONFLICT: { status: 409, message: '上报材料的状态已变化，请刷新后重试' },
  SCAN_INVALID: { status: 415, message: '盖章扫描件须为 PDF、JPEG 或 PNG 文件' },
  PUBLICITY_NOT_READY: { status: 409, message: '合格线公布、且至少一个地区的上报材料经确认后，才能安排公示' },
  PUBLICITY_PERIOD_INVALID: { status: 400, message: '公示结束时间须晚于开始时间，且不能早于现在' },
  PUBLICITY_LOCKED: { status: 409, message: '公示已开始或已认定，不能再更改' },
  PUBLICITY_NOT_OPEN: { status: 404, message: '公示尚未开始' },
  OBJECTION_NOT_ALLOWED: { status: 409, message: '只能在公示开始后、认定前登记异议' },
  OBJECTION_NOT_FOUND: { status: 404, message: '未找到该异议' },
  OBJECTION_DECIDED: { status: 409, message: '该异议已处理，结论不能更改' },
  CERTIFY_NOT_READY: { status: 409, message: '公示期满且异议全部处理后，才能认定' },
  CERTIFIED: { status: 409, message: '已认定，名单不能再更改' },
  // 示范 evidence materials (issue 17)
  EVIDENCE_NOT_AVAILABLE: { status: 403, message: '目前不需要或尚不能提交示范评审材料' },
  EVIDENCE_CHECKLIST_MISSING: { status: 404, message: '本次测评尚未发布评审要点' },
  EVIDENCE_CHECKLIST_LOCKED: { status: 409, message: '企业已开始上传材料，评审要点不能再修改（截止时间可以延后）' },
  EVIDENCE_ITEM_NOT_FOUND: { status: 404, message: '评审要点中没有该项目' },
  EVIDENCE_KIND_INVALID: { status: 415, message: '文件类型不符合该项要求（按文件内容识别，只接受 PDF、JPEG 或 PNG 中该项允许的类型）' },
  EVIDENCE_FILE_TOO_LARGE: { status: 413, message: '文件超过该项的大小上限' },
  EVIDENCE_TOO_MANY_FILES: { status: 422, message: '该项的文件数已达上限，请替换已有文件' },
  EVIDENCE_QUOTA_EXCEEDED: { status: 413, message: '全部材料合计超过每家企业的大小上限' },
  EVIDENCE_LOCKED: { status: 409, message: '该项目前不能修改：材料已提交、已过截止时间，或不在补正要求之内' },
  EVIDENCE_INCOMPLETE: { status: 422, message: '还有必填项目未完成，请补充后再提交' },
  EVIDENCE_NOT_SUBMITTED: { status: 409, message: '企业尚未提交材料，不能要求补正' },
  EVIDENCE_REQUEST_INVALID: { status: 422, message: '补正要求须列出评审要点中的项目，并设定晚于现在的截止时间' },
  EVIDENCE_MARK_INVALID: { status: 422, message: '标记为“需补充”时，请写明需要补充的内容' },
  EVIDENCE_FILE_NOT_FOUND: { status: 404, message: '未找到该材料文件' },
  UPLOAD_NOT_FOUND: { status: 404, message: '上传任务不存在或已过期，请重新选择文件' },
  UPLOAD_CHUNK_INVALID: { status: 400, message: '上传的分片编号或长度不正确，请重试' },
  UPLOAD_INCOMPLETE: { status: 409, message: '文件尚未传完，请继续上传' },
  // one enterprise across the years (issue 18)
  YEAR_RULES_INVALID: { status: 422, message: '年度规则不正确：各范围年份不能晚于本年度' },
  INTERNAL: { status: 500, message: '服务器开小差了，请稍后重试；已填写的答案不会丢失' },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂时不可用，请稍后重试' },
} as const satisfies Record<string, { status: number; message: string; retryAfter?: true }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** The body of every error response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Machine-readable particulars, e.g. field errors or tries left. Never secrets. */
  details?: unknown;
}

export function messageFor(code: string): string {
  return code in errorCatalogue ? errorCatalogue[code as ErrorCode].message : errorCatalogue.INTERNAL.message;
}
