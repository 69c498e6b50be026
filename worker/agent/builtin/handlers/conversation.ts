import { HELP } from '../reply';
import type { Handlers } from './turn';

const NOT_UNDERSTOOD = {
  no_title: 'What should the task be called? For example: “add buy milk tomorrow”.',
  delete_all:
    'I don’t delete everything at once, so nothing was deleted. ' +
    'I can delete tasks one by one (“delete buy milk”), or every completed one (“clear completed”).',
};

export const conversation: Handlers<'help' | 'greet' | 'thanks' | 'unknown'> = {
  help: () => ({ reply: HELP }),
  greet: () => ({ reply: `Hi! ${HELP}` }),
  thanks: () => ({ reply: 'You’re welcome!' }),
  unknown: ({ reason }) => ({ reply: reason ? NOT_UNDERSTOOD[reason] : `Sorry, I didn’t understand that. ${HELP}` }),
};
