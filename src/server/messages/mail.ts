import { defineMessages } from './catalogue.ts';

/** The frame every email shares: subject line, greeting, the link to the app, the footer. */
export const mailMessages = defineMessages({
  'zh-CN': {
    subject: '[售后服务台] {title}',
    greeting: '{name}，您好：',
    greetingAnonymous: '您好：',
    open: '在售后服务台中查看',
    footer: '此邮件由售后服务台自动发送，请勿直接回复。',
  },
  en: {
    subject: '[Aftersales] {title}',
    greeting: 'Dear {name},',
    greetingAnonymous: 'Hello,',
    open: 'Open in the service desk',
    footer: 'This message was sent automatically by the after-sales service desk; please do not reply to it.',
  },
});
