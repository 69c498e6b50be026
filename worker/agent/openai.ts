import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type { Task } from '../tasks/types';
import type { ToolAction } from '../tools/tool';
import { type AppError, upstreamFailed } from '../lib/errors';
import { inputJsonSchema, outputOf, taskOutputOf, TOOLS, type ToolResult } from '../tools';
import { type ZonedClock, dayString, toLocal, today } from '../lib/time-zone';
import { createGate, type HELD } from './gate';
import type { Agent, AgentInput, HistoryMessage } from './types';

type Gate = ReturnType<typeof createGate>;

export interface OpenAIConfig {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
}

export const DEFAULT_MODEL = 'gpt-4o-mini';
/** Model calls per chat message: enough to look tasks up, act, and answer. */
export const MAX_STEPS = 6;

const TOOL_DEFS: ChatCompletionTool[] = TOOLS.map((t) => ({
  type: 'function',
  function: { name: t.name, description: t.description, parameters: inputJsonSchema(t) },
}));

function offset(clock: ZonedClock): string {
  const l = toLocal(clock.now, clock.timeZone);
  const wallClock = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  const minutes = Math.round((wallClock - clock.now.getTime()) / 60000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * "Monday, 23 November 2026 at 10:00", put together from parts: what ICU
 * makes of `dateStyle: 'full'` changes between versions (the comma came and went).
 */
function spelledOut(clock: ZonedClock): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: clock.timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(clock.now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')}, ${part('day')} ${part('month')} ${part('year')} at ${part('hour')}:${part('minute')}`;
}

export function systemPrompt(clock: ZonedClock): string {
  const local = spelledOut(clock);
  return [
    "You manage the user's task list with the tools provided; they are the only way to read or change tasks.",
    `Now it is ${local} in the user's time zone ${clock.timeZone} (UTC${offset(clock)}).`,
    'Resolve words like "today", "tomorrow" or "friday" in that time zone. A day without a time is due all ' +
      `day: send due_date as that date, YYYY-MM-DD (e.g. ${dayString(today(clock))}). With a time, send ISO 8601 ` +
      `with that offset, e.g. ${dayString(today(clock))}T17:00:00${offset(clock)}.`,
    'Never guess a task id: use list_tasks to find it. If several tasks could match, ask which one and change nothing.',
    'If a tool returns an error, fix the arguments or explain the problem. Reply briefly and say exactly what you did.',
  ].join('\n');
}

const compactTask = ({ id, title, completed, priority, due_date }: Task) => ({
  id,
  title,
  completed,
  priority,
  due_date,
});

/** Tool results from earlier turns, summarised so the model can refer back ("complete the second one"). */
function compact(action: ToolAction): unknown {
  const list = outputOf(action, 'list_tasks');
  if (list) return list.slice(0, 30).map(compactTask);
  const task = taskOutputOf(action);
  return task ? compactTask(task) : action.output;
}

function toModelMessage(m: HistoryMessage): ChatCompletionMessageParam {
  if (m.role === 'user') return { role: 'user', content: m.content };
  const calls = (m.actions ?? []).map((a) => `${a.tool}(${JSON.stringify(a.input)}) -> ${JSON.stringify(compact(a))}`);
  const note = calls.length ? `\n\n[tools used: ${calls.join('; ').slice(0, 4000)}]` : '';
  return { role: 'assistant', content: m.content + note };
}

function upstreamError(err: unknown, actions: ToolAction[]): AppError {
  let error: AppError;
  if (err instanceof APIConnectionTimeoutError) {
    error = upstreamFailed(504, 'upstream_timeout', 'The chat model did not answer in time');
  } else if (err instanceof APIConnectionError) {
    error = upstreamFailed(502, 'upstream_unreachable', 'The chat model could not be reached');
  } else if (err instanceof APIError) {
    // Never pass the upstream's 401 on: the user's own session is fine.
    const status = err.status ?? 'unknown';
    error = upstreamFailed(502, 'upstream_error', `The chat model answered with an error (HTTP ${status})`);
  } else {
    console.error('chat model call failed:', err);
    error = upstreamFailed(502, 'upstream_error', 'The chat model sent a reply that could not be read');
  }
  return error.withDetails({ actions });
}

type Completion = { content: string | null; calls: ChatCompletionMessageToolCall[] };

/** One model answer, whole. */
async function answer(client: OpenAI, request: ChatCompletionCreateParamsNonStreaming): Promise<Completion> {
  const reply = (await client.chat.completions.create(request)).choices?.[0]?.message;
  if (!reply) throw new Error('no choices in the completion');
  return { content: reply.content ?? null, calls: (reply.tool_calls ?? []).filter((c) => c.type === 'function') };
}

/**
 * One model answer, streamed: text goes to `onText` as it arrives; tool calls
 * come in pieces by index (id and name first, arguments in fragments) and are
 * assembled before anything runs.
 */
async function streamed(
  client: OpenAI,
  request: ChatCompletionCreateParamsNonStreaming,
  onText: (delta: string) => void,
): Promise<Completion> {
  const stream = await client.chat.completions.create({ ...request, stream: true });
  let content = '';
  const calls: { id: string; name: string; args: string }[] = [];
  for await (const chunk of stream) {
    const delta = chunk.choices?.[0]?.delta;
    if (delta?.content) {
      content += delta.content;
      onText(delta.content);
    }
    for (const part of delta?.tool_calls ?? []) {
      const call = calls[part.index] ?? { id: '', name: '', args: '' };
      calls[part.index] = call;
      if (part.id) call.id = part.id;
      if (part.function?.name) call.name += part.function.name;
      if (part.function?.arguments) call.args += part.function.arguments;
    }
  }
  return {
    content: content || null,
    calls: calls
      .filter(Boolean)
      .map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.args } })),
  };
}

/**
 * Runs one tool call from the model, unless the gate holds it for the user's
 * confirmation (then null, and the model hears that it waits); arguments that
 * are not JSON come back to it as an error.
 */
async function run(
  toolbox: AgentInput['toolbox'],
  gate: Gate,
  call: ChatCompletionMessageToolCall & { type: 'function' },
): Promise<{ action: ToolAction } | { held: ReturnType<typeof HELD> }> {
  const tool = call.function.name;
  let input: unknown;
  try {
    input = JSON.parse(call.function.arguments || '{}');
  } catch {
    const output = { error: { code: 'bad_arguments', message: 'The arguments were not valid JSON' } };
    return { action: { tool, input: call.function.arguments, output } };
  }
  const held = await gate.hold(tool, input);
  if (held) return { held };
  const result: ToolResult = await toolbox.call(tool, input);
  const action: ToolAction = { tool: result.tool, input: result.input, output: result.output };
  return { action: result.events ? { ...action, events: result.events } : action };
}

export function createOpenAIAgent(config: OpenAIConfig): Agent {
  const client = new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseURL,
    timeout: config.timeoutMs,
    maxRetries: 1,
  });

  return {
    kind: 'openai',
    async run({ message, history, toolbox, clock, progress }: AgentInput) {
      const actions: ToolAction[] = [];
      const gate = createGate(toolbox);
      const done = (reply: string) => ({ reply, actions, ...(gate.held().length ? { pending: gate.held() } : {}) });
      const messages: ChatCompletionMessageParam[] = [
        { role: 'system', content: systemPrompt(clock) },
        ...history.map(toModelMessage),
        { role: 'user', content: message },
      ];

      for (let step = 0; step < MAX_STEPS; step++) {
        let reply: Completion;
        try {
          const request = { model: config.model, messages, tools: TOOL_DEFS, tool_choice: 'auto' as const };
          reply = progress ? await streamed(client, request, progress.text) : await answer(client, request);
        } catch (err) {
          throw upstreamError(err, actions);
        }
        if (!reply.calls.length) return done(reply.content ?? '');

        messages.push({ role: 'assistant', content: reply.content, tool_calls: reply.calls });
        for (const call of reply.calls) {
          if (call.type !== 'function') continue;
          const ran = await run(toolbox, gate, call);
          if ('action' in ran) {
            actions.push(ran.action);
            progress?.action(ran.action);
          }
          const output = 'action' in ran ? ran.action.output : ran.held;
          messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(output) });
        }
      }
      return done(
        `I stopped after ${MAX_STEPS} steps without finishing. ${actions.length} tool call(s) ran; see the actions.`,
      );
    },
  };
}
