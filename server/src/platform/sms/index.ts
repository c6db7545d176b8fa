export { LogSmsGateway, SMS_LOG_MESSAGE, type SmsGateway } from './gateway.ts'
export { smsCodeText } from './texts.ts'
