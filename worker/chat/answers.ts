/** Short answers that settle a pending confirmation, in the words people use. */
const YES =
  /^(?:y|yes|yeah|yep|yup|sure|ok(?:ay)?|confirm(?:ed)?|do it|go ahead|go for it|please do|yes please|sounds good|correct|right)[.!\s]*$/i;
const NO = /^(?:n|no|nope|nah|cancel|stop|don'?t|do not|never ?mind|forget it|no thanks|abort)[.!\s]*$/i;

export function answerOf(message: string): 'yes' | 'no' | null {
  const text = message.trim();
  if (YES.test(text)) return 'yes';
  if (NO.test(text)) return 'no';
  return null;
}
