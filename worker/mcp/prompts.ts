import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  ErrorCode,
  GetPromptRequestSchema,
  type GetPromptResult,
  ListPromptsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import type { Toolbox } from '../tools';
import { agenda, week } from './agenda';
import { AGENDA_URI, zoneArgument } from './resources';

const TIMEZONE = {
  name: 'timezone',
  description: 'Your IANA time zone, such as Europe/Berlin, so "today" is your day; UTC when omitted',
  required: false,
};

const PROMPTS = [
  {
    name: 'plan_my_day',
    title: 'Plan my day',
    description: "Plan today from your task list: what is overdue and what is due today, in the order you'd do it",
    arguments: [TIMEZONE],
  },
  {
    name: 'weekly_review',
    title: 'Weekly review',
    description: 'Review the last 7 days (what got done, what slipped) and look at the 7 ahead',
    arguments: [TIMEZONE],
  },
];

const ASK_FIRST = 'Change nothing until I agree; then make each change with the task tools.';

/** A prompt's messages: what to do, in words, and the data to do it with, as an embedded JSON resource. */
function messages(text: string, uri: string, data: unknown): GetPromptResult['messages'] {
  return [
    { role: 'user', content: { type: 'text', text } },
    {
      role: 'user',
      content: { type: 'resource', resource: { uri, mimeType: 'application/json', text: JSON.stringify(data) } },
    },
  ];
}

async function planMyDay(toolbox: Toolbox, now: Date, timeZone: string): Promise<GetPromptResult> {
  const today = await agenda(toolbox, now, timeZone);
  const text =
    `Help me plan my day, ${today.date} (${timeZone}). Attached is my agenda from my task list: overdue tasks and ` +
    'tasks due today. Suggest an order to work through them, highest priority and oldest first unless a time ' +
    `says otherwise, and flag what is unrealistic for today so I can move it. ${ASK_FIRST}`;
  const uri = timeZone === 'UTC' ? AGENDA_URI : `${AGENDA_URI}?tz=${encodeURIComponent(timeZone)}`;
  return { description: `Plan for ${today.date}`, messages: messages(text, uri, today) };
}

async function weeklyReview(toolbox: Toolbox, now: Date, timeZone: string): Promise<GetPromptResult> {
  const review = await week(toolbox, now, timeZone);
  const text =
    `Let's do my weekly review (${review.from} to ${review.to}, ${timeZone}). Attached: the tasks I completed in ` +
    'the last 7 days, those that are overdue, and those due in the next 7 days. Sum up what got done, help me ' +
    'decide for each overdue task whether to do it, reschedule it or drop it, and point out the busiest days ' +
    `ahead. ${ASK_FIRST}`;
  return {
    description: `Review of ${review.from} to ${review.to}`,
    messages: messages(text, 'tasks://review/week', review),
  };
}

/** Prompts a client can offer its user; each reads the task list through the tools, as of now. */
export function servePrompts(server: Server, toolbox: Toolbox, now: Date) {
  server.setRequestHandler(ListPromptsRequestSchema, async () => ({ prompts: PROMPTS }));
  server.setRequestHandler(GetPromptRequestSchema, async ({ params }) => {
    const build = { plan_my_day: planMyDay, weekly_review: weeklyReview }[params.name];
    if (!build) throw new McpError(ErrorCode.InvalidParams, `No prompt named ${params.name}; prompts/list names them`);
    const timeZone = zoneArgument(params.arguments?.timezone);
    return build(toolbox, now, timeZone);
  });
}
