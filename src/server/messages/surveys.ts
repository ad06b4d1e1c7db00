import { defineMessages } from './catalogue.ts';

/** The satisfaction-survey email: after a confirmed request, or the customer's periodic survey. */
export const surveyMessages = defineMessages({
  'zh-CN': {
    ticketTitle: '请评价我们对服务请求 {ticket} 的服务',
    periodicTitle: '{customerName}：请评价我们本期（{period} 起）的售后服务',
    intro: '感谢您使用我们的售后服务。请用一分钟为本次服务打分（1–5 星）并留下意见，无需登录。',
    periodicIntro: '为持续改进服务质量，请您对我们近期的售后服务打分（1–5 星）并留下意见，无需登录。',
    expires: '链接有效期至 {expiresAt}，只能提交一次。',
  },
  en: {
    ticketTitle: 'How did we do on service request {ticket}?',
    periodicTitle: '{customerName}: please rate our after-sales service for the period from {period}',
    intro:
      'Thank you for using our after-sales service. Please take a minute to rate it (1–5 stars) and tell us what you think; no sign-in is needed.',
    periodicIntro:
      'To keep improving our service, please rate our recent after-sales service (1–5 stars) and tell us what you think; no sign-in is needed.',
    expires: 'The link is valid until {expiresAt} and takes one answer.',
  },
});
