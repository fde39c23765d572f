export default definePageConfig({ navigationBarTitleText: '校验回执' });
