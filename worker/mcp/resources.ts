import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  McpError,
  ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { AppError } from '../lib/errors';
import type { Toolbox } from '../tools';
import { agenda, zoneOf } from './agenda';

export const AGENDA_URI = 'tasks://agenda/today';
const JSON_TYPE = 'application/json';

/** MCP's error for a resource that does not exist (the spec's -32002). */
const RESOURCE_NOT_FOUND = -32002;

/** A time zone a client gave (a prompt argument, `?tz=`): UTC when none, -32602 for a name that is not a zone. */
export function zoneArgument(given: string | null | undefined): string {
  try {
    return zoneOf(given);
  } catch (err) {
    if (err instanceof AppError) throw new McpError(ErrorCode.InvalidParams, err.message);
    throw err;
  }
}

/** Today's agenda as a resource: `tasks://agenda/today` in UTC, `…?tz=Europe/Berlin` in the user's zone. */
export function serveResources(server: Server, toolbox: Toolbox, now: Date) {
  server.setRequestHandler(ListResourcesRequestSchema, async () => ({
    resources: [
      {
        uri: AGENDA_URI,
        name: 'agenda-today',
        title: "Today's agenda",
        description:
          'Pending tasks that are overdue or due today (the day in UTC; add ?tz=<IANA zone> for yours), and how ' +
          'many pending tasks have no due date',
        mimeType: JSON_TYPE,
      },
    ],
  }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
    resourceTemplates: [
      {
        uriTemplate: `${AGENDA_URI}{?tz}`,
        name: 'agenda-today-in-zone',
        title: "Today's agenda in your time zone",
        description: 'Overdue and due-today tasks for today where you are: tz is an IANA zone such as Europe/Berlin',
        mimeType: JSON_TYPE,
      },
    ],
  }));
  server.setRequestHandler(ReadResourceRequestSchema, async ({ params: { uri } }) => {
    const url = URL.canParse(uri) ? new URL(uri) : null;
    const known = url && `${url.protocol}//${url.host}${url.pathname}` === AGENDA_URI;
    if (!url || !known) throw new McpError(RESOURCE_NOT_FOUND, `No resource ${uri}; resources/list names them`);
    const today = await agenda(toolbox, now, zoneArgument(url.searchParams.get('tz')));
    return { contents: [{ uri, mimeType: JSON_TYPE, text: JSON.stringify(today) }] };
  });
}
