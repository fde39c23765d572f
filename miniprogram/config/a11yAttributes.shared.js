/** The attributes added to WeChat's <view> and <text> (default: absent). See a11yAttributes.js. */
const ariaAttributes = {
  'aria-role': "''",
  'aria-label': "''",
  'aria-checked': "''",
  'aria-disabled': "''",
  'aria-pressed': "''",
};

module.exports = { ariaAttributes };
