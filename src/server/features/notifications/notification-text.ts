/** Email wording for each notification kind, in the recipient's language. */
const METRIC_NAMES: Record<string, { zh: string; en: string }> = {
  first_response: { zh: '首次响应', en: 'first response' },
  reply: { zh: '书面答复', en: 'written reply' },
  solution: { zh: '解决方案', en: 'solution proposal' },
  resolution: { zh: '故障解决', en: 'resolution' },
  on_site: { zh: '到达现场', en: 'on-site arrival' },
};
const LEVEL_NAMES: Record<string, { zh: string; en: string }> = {
  engineer: { zh: '工程师', en: 'engineer' },
  senior_engineer: { zh: '服务中心高级工程师', en: 'senior engineer' },
  product_manager: { zh: '产品技术经理', en: 'product technical manager' },
  rnd: { zh: '研发中心', en: 'R&D' },
};

export function renderNotification(input: {
  kind: string;
  data: Record<string, unknown>;
  locale: string;
  ticketNumber: string | null;
  ticketTitle: string | null;
  link: string;
}): { subject: string; text: string } {
  const isZh = input.locale !== 'en';
  const pick = (names: Record<string, { zh: string; en: string }>, key: unknown) => {
    const entry = names[String(key)];
    return entry ? (isZh ? entry.zh : entry.en) : String(key);
  };
  const metric = pick(METRIC_NAMES, input.data.metric);
  const ticket = `${input.ticketNumber ?? ''} ${input.ticketTitle ?? ''}`.trim();
  const lines: Record<string, [string, string]> = {
    critical_request: [`全面加急服务请求：${ticket}`, `Critical request: ${ticket}`],
    sla_warning: [`${metric}即将超时：${ticket}`, `${metric} due soon: ${ticket}`],
    sla_breached: [`${metric}已超时：${ticket}`, `${metric} breached: ${ticket}`],
    escalated: [
      `已升级至${pick(LEVEL_NAMES, input.data.levelName)}：${ticket}`,
      `Escalated to ${pick(LEVEL_NAMES, input.data.levelName)}: ${ticket}`,
    ],
  };
  if (input.kind === 'contract_renewal') {
    const d = input.data;
    lines.contract_renewal = [
      `服务合同将于 ${d.endDate} 到期（${d.daysBefore} 天后），请联系续签：${d.customerName}`,
      `Service contract ends on ${d.endDate} (in ${d.daysBefore} days): renew with ${d.customerName}`,
    ];
  }
  const [zh, en] = lines[input.kind] ?? [`服务请求更新：${ticket}`, `Request updated: ${ticket}`];
  const subject = `[售后服务台 Aftersales] ${isZh ? zh : en}`;
  const due = typeof input.data.dueAt === 'string' ? `\n${isZh ? '到期时间' : 'Due'}: ${input.data.dueAt}` : '';
  return { subject, text: `${isZh ? zh : en}${due}\n\n${input.link}\n` };
}
