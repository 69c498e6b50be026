import { describe, expect, it } from 'vitest';
import { fromLocal } from '../../lib/time-zone';
import { parse } from './parse';
import type { Intent } from './rules';

/**
 * Everyday messages, typed the way people type to a to-do assistant (casual,
 * terse, polite, lower case, no punctuation, typos, emoji), each with what it
 * must mean. Monday 23 November 2026, 10:00 in Berlin.
 */
const clock = { now: new Date('2026-11-23T09:00:00Z'), timeZone: 'Europe/Berlin' };
const at = (date: string, time: string) => {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return fromLocal(
    { year: year!, month: month!, day: day!, hour: hour!, minute: minute! },
    clock.timeZone,
  ).toISOString();
};
const TOMORROW = '2026-11-24';
const FRIDAY = '2026-11-27';

type NewTask = { title: string; priority?: 'low' | 'medium' | 'high'; due_date?: string; description?: string };
const add = (title: string, more: Omit<NewTask, 'title'> = {}): Intent => ({ type: 'add', title, ...more });
const many = (...tasks: (string | NewTask)[]): Intent => ({
  type: 'add_many',
  tasks: tasks.map((t) => (typeof t === 'string' ? { title: t } : t)),
});
const text = (t: string) => ({ kind: 'text' as const, text: t });
const ref = (r: string | number) =>
  typeof r === 'number' ? { kind: 'number' as const, n: r } : r === 'it' ? { kind: 'it' as const } : text(r);
const done = (r: string | number, completed = true): Intent => ({ type: 'complete', ref: ref(r), completed });
const del = (r: string | number): Intent => ({ type: 'delete', ref: ref(r) });
const edit = (
  r: string | number,
  changes: Extract<Intent, { type: 'update' }>['changes'],
  skipped?: string[],
): Intent => ({
  type: 'update',
  ref: ref(r),
  changes,
  ...(skipped ? { skipped } : {}),
});
const list = (filter: Omit<Extract<Intent, { type: 'list' }>, 'type'> = {}): Intent => ({ type: 'list', ...filter });
const show = (r: string, asks?: 'done'): Intent => ({ type: 'show', ref: ref(r), ...(asks ? { asks } : {}) });

describe('several tasks in one message', () => {
  it.each<[string, Intent]>([
    ['add milk, eggs and bread', many('Milk', 'Eggs', 'Bread')],
    ['add call the plumber and email the landlord', many('Call the plumber', 'Email the landlord')],
    ['add pay rent and also book the vet for friday', many('Pay rent', { title: 'Book the vet', due_date: FRIDAY })],
    ['add these: call mom, email Sam, water the plants', many('Call mom', 'Email Sam', 'Water the plants')],
    ['add these:\n- milk\n- eggs\n- bread', many('Milk', 'Eggs', 'Bread')],
    ['todo:\ncall the plumber\nemail the landlord', many('Call the plumber', 'Email the landlord')],
    ['shopping list:\neggs\nflour\nsugar', many('Eggs', 'Flour', 'Sugar')],
    ['add taxes; car insurance; dentist', many('Taxes', 'Car insurance', 'Dentist')],
    ['add milk and eggs', many('Milk', 'Eggs')],
    [
      'add milk, eggs and bread tomorrow',
      many(...['Milk', 'Eggs', 'Bread'].map((title) => ({ title, due_date: TOMORROW }))),
    ],
    ['remind me to call mom and buy flowers tomorrow', many('Call mom', { title: 'Buy flowers', due_date: TOMORROW })],
    [
      'add call the plumber tomorrow, email the landlord friday and pay rent on the 1st, urgent',
      many(
        { title: 'Call the plumber', due_date: TOMORROW },
        { title: 'Email the landlord', due_date: FRIDAY },
        { title: 'Pay rent', due_date: '2026-12-01', priority: 'high' },
      ),
    ],
    [
      'can you add pick up the kids at 3 and drop off the dry cleaning',
      many({ title: 'Pick up the kids', due_date: at('2026-11-23', '15:00') }, 'Drop off the dry cleaning'),
    ],
    [
      'add buy bread\nadd walk the dog tonight',
      many('Buy bread', { title: 'Walk the dog', due_date: at('2026-11-23', '20:00') }),
    ],
    ['add 1. renew passport 2. book flights', many('Renew passport', 'Book flights')],
    // One task, however it looks like a list: a verb taking a list, a name with "and" in it.
    ['add research and development report', add('Research and development report')],
    ['add buy milk, eggs and bread', add('Buy milk, eggs and bread')],
    ['add call mom and dad', add('Call mom and dad')],
    ['add terms and conditions review', add('Terms and conditions review')],
    ['add email Sam with notes: ask about eggs, milk', add('Email Sam', { description: 'ask about eggs, milk' })],
    ['add call mom tomorrow and make it high priority', add('Call mom', { due_date: TOMORROW, priority: 'high' })],
  ])('%j', (message, expected) => {
    expect(parse(message, clock)).toEqual(expected);
  });
});

describe('narrative sentences become the task they describe', () => {
  it.each<[string, Intent]>([
    [
      'I forgot to submit the expense report, it was due yesterday',
      add('Submit the expense report', { due_date: '2026-11-22' }),
    ],
    ['I need to remember to call mom on sunday', add('Call mom', { due_date: '2026-11-29' })],
    ["don't let me forget the dentist at 3pm tomorrow", add('Dentist', { due_date: at(TOMORROW, '15:00') })],
    ['dont forget to water the plants tonight', add('Water the plants', { due_date: at('2026-11-23', '20:00') })],
    ['I have a dentist appointment tomorrow at 3', add('Dentist appointment', { due_date: at(TOMORROW, '15:00') })],
    ['make sure I send the invoice by friday', add('Send the invoice', { due_date: FRIDAY })],
    ['i was supposed to call the bank today', add('Call the bank', { due_date: '2026-11-23' })],
    ['note to self: buy stamps', add('Buy stamps')],
    ['need to book flights for the trip', add('Book flights for the trip')],
    ['gotta pay the electricity bill by thursday', add('Pay the electricity bill', { due_date: '2026-11-26' })],
    ['remind me about the parcel pickup friday morning', add('Parcel pickup', { due_date: at(FRIDAY, '09:00') })],
    ['i should really renew my gym membership', add('Renew my gym membership')],
    ["it's time to change the smoke alarm batteries", add('Change the smoke alarm batteries')],
  ])('%j', (message, expected) => {
    expect(parse(message, clock)).toEqual(expected);
  });
});

describe('adding, everyday', () => {
  it.each<[string, Intent]>([
    ['buy groceries tmrw', add('Buy groceries', { due_date: TOMORROW })],
    ['Call dentist 🦷 tomorrow', add('Call dentist', { due_date: TOMORROW })],
    ['pls add renew gym membership', add('Renew gym membership')],
    ['new task - finish slides by 5pm', add('Finish slides', { due_date: at('2026-11-23', '17:00') })],
    ['add "Read Dune" for the weekend', add('Read Dune', { due_date: '2026-11-28' })],
    ['could you put haircut on my list for saturday', add('Haircut', { due_date: '2026-11-28' })],
    ['add pay rent!!! urgent', add('Pay rent', { priority: 'high' })],
    ['hey can u add take out the bins tonight', add('Take out the bins', { due_date: at('2026-11-23', '20:00') })],
    [
      'Add: book restaurant for anniversary, high priority',
      add('Book restaurant for anniversary', { priority: 'high' }),
    ],
  ])('%j', (message, expected) => {
    expect(parse(message, clock)).toEqual(expected);
  });
});

describe('questions, which never change anything', () => {
  it.each<[string, Intent]>([
    ['anything overdue?', list({ due: 'overdue' })],
    ["what's left for today", list({ completed: false, due: 'today' })],
    ['what do I have tomorrow', list({ due: 'tomorrow' })],
    ['how many tasks do I have', list()],
    ["what's due this week", list({ due: 'week' })],
    ['whats on today', list({ due: 'today' })],
    ['any urgent tasks?', list({ priority: 'high' })],
    ['show me everything', list()],
    ['my todo list', list({ completed: false })],
    ['what have i finished', list({ completed: true })],
    ['am i free tomorrow', list({ due: 'tomorrow' })],
    ["what's overdue 😬", list({ due: 'overdue' })],
    ['what should i work on', list({ completed: false })],
    ['is there anything due friday?', list({ due: { on: FRIDAY } })],
    ["how's my week looking?", list({ due: 'week' })],
    ['list high priority', list({ priority: 'high' })],
    ['show done', list({ completed: true })],
    ["today's tasks", list({ due: 'today' })],
    ['is everything done?', list({ completed: false })],
    ['whats next', list({ completed: false })],
    ['waht is ovredue', list({ due: 'overdue' })],
    ['show high priorty tasks', list({ priority: 'high' })],
    ['did I finish the report?', show('report', 'done')],
    ['is the report done?', show('report', 'done')],
    ['did i call mom', show('call mom', 'done')],
    ['has the invoice been sent', show('invoice', 'done')],
    ['have I paid the rent yet?', show('paid the rent', 'done')],
    ['is the report overdue?', show('report')],
    ['is the dentist tomorrow?', show('dentist')],
    ['when is the dentist', show('dentist')],
  ])('%j', (message, expected) => {
    expect(parse(message, clock)).toEqual(expected);
  });

  it.each([
    'should I delete the report?',
    'is the report finished?',
    'did I add milk?',
    'are the dishes done?',
    'dinner with Sam tomorrow?',
    'do i need to call mom?',
    'was the dentist moved to friday?',
    'is it done?',
  ])('%j changes nothing', (message) => {
    expect(['list', 'show', 'unknown', 'help']).toContain(parse(message, clock).type);
  });
});

describe('completing, deleting and typos', () => {
  it.each<[string, Intent]>([
    ['done with the laundry', done('laundry')],
    ['finsihed the report', done('report')],
    ['i finsihed the report', done('report')],
    ['compelte buy milk', done('buy milk')],
    ['mark the report as dnoe', done('report')],
    ['I called mom', done('called mom')],
    ['just paid the rent', done('paid the rent')],
    ['tick off the groceries', done('groceries')],
    ['the dishes are done ✅', done('dishes')],
    ['mark 2 as done', done(2)],
    ['delte the dentsit', del('dentsit')],
    ['remove the gym thing', del('gym')],
    ['scrap the meeting', del('meeting')],
    ['never mind the haircut', del('haircut')],
    ["i don't need to call mom anymore", del('call mom')],
    ['cancle the gym', del('gym')],
    ['shwo my tasks', list()],
    ['udno', { type: 'undo' }],
  ])('%j', (message, expected) => {
    expect(parse(message, clock)).toEqual(expected);
  });

  it.each([
    ['remote batteries tomorrow', 'Remote batteries'],
    ['park the car tomorrow', 'Park the car'],
    ['compete in the race on saturday', 'Compete in the race'],
  ])('%j keeps its own words: a real word is never corrected into a command', (message, title) => {
    expect(parse(message, clock)).toMatchObject({ type: 'add', title });
  });
});

describe('edits, in one part or several', () => {
  it.each<[string, Intent]>([
    [
      'push the trash to friday at 7pm and make it low priority',
      edit('trash', { due_date: at(FRIDAY, '19:00'), priority: 'low' }),
    ],
    [
      'rename buy milk to buy oat milk and make it high priority',
      edit('buy milk', { title: 'buy oat milk', priority: 'high' }),
    ],
    ['move the report to friday, urgent', edit('report', { due_date: FRIDAY, priority: 'high' })],
    [
      'make the report high priority and move it to monday',
      edit('report', { priority: 'high', due_date: '2026-11-30' }),
    ],
    ['rename 1 to Call dad, high priority', edit(1, { title: 'Call dad', priority: 'high' })],
    ['move the report to friday and make it pink', edit('report', { due_date: FRIDAY }, ['make it pink'])],
    [
      'change the dentist to next monday at 10am and add a note: bring the card',
      edit('dentist', { due_date: at('2026-11-30', '10:00'), description: 'bring the card' }),
    ],
    ['postopne the dentist to friday', edit('dentist', { due_date: FRIDAY })],
    ['move it to tomorrow morning', edit('it', { due_date: at(TOMORROW, '09:00') })],
    ['make the dentist urgent', edit('dentist', { priority: 'high' })],
    ["change the report's due date to monday", edit('report', { due_date: '2026-11-30' })],
    ['bump the gym to next week', edit('gym', { due_date: '2026-11-30' })],
    ['can you make call mom high priority please', edit('call mom', { priority: 'high' })],
    ['remove the due date from the report', edit('report', { due_date: null })],
    ['add a note to the report: include Q3 numbers', edit('report', { description: 'include Q3 numbers' })],
  ])('%j', (message, expected) => {
    expect(parse(message, clock)).toEqual(expected);
  });
});

describe('conversation', () => {
  it.each<[string, Intent]>([
    ['oops undo that', { type: 'undo' }],
    ['thanks 🙏', { type: 'thanks' }],
    ['hey', { type: 'greet' }],
    ['what can you do', { type: 'help' }],
    ['2', { type: 'select', n: 2 }],
    ['mark everything done', { type: 'complete_all' }],
    ['clear completed', { type: 'clear_completed' }],
  ])('%j', (message, expected) => {
    expect(parse(message, clock)).toEqual(expected);
  });
});

// Tried as fresh messages once the rules above were written; each is what it must mean, in its key fields.
describe('fresh messages', () => {
  it.each<[string, Record<string, unknown>]>([
    ['remind me to take my meds every morning', add('Take my meds every morning')],
    ['add get a haircut this weekend', add('Get a haircut', { due_date: '2026-11-28' })],
    ['I need milk, bread and coffee', many('Milk', 'Bread', 'Coffee')],
    ['add walk dog + feed cat', many('Walk dog', 'Feed cat')],
    [
      "got a doctor's appointment on the 14th at 10:30",
      add("Doctor's appointment", { due_date: at('2026-12-14', '10:30') }),
    ],
    ['oh and also add buy a birthday card for sarah', add('Buy a birthday card for sarah')],
    ['ugh I keep forgetting to drink water', add('Drink water')],
    ['remember that the plumber comes thursday at 8', add('Plumber comes', { due_date: at('2026-11-26', '08:00') })],
    ['submit timesheet by eod friday', add('Submit timesheet', { due_date: at(FRIDAY, '17:00') })],
    ['text jenny back', add('Text jenny back')],
    ["call the bank about the card, it's urgent", add('Call the bank about the card', { priority: 'high' })],
    ['yo add dentist next wed', add('Dentist', { due_date: '2026-11-25' })],
    [
      'Add grocery run and pharmacy pickup to today',
      many(...['Grocery run', 'Pharmacy pickup'].map((title) => ({ title, due_date: '2026-11-23' }))),
    ],
    [
      'add book club reading - chapter 5 by thursday',
      add('Book club reading', { due_date: '2026-11-26', description: 'chapter 5' }),
    ],
    [
      'buy milk tomorrow and eggs on friday',
      many({ title: 'Buy milk', due_date: TOMORROW }, { title: 'Buy eggs', due_date: FRIDAY }),
    ],
    ['1) call bank 2) email hr 3) update cv', many('Call bank', 'Email hr', 'Update cv')],
    ['pick up kids at 3:30 today', add('Pick up kids', { due_date: at('2026-11-23', '15:30') })],
    ['lunch w/ sam fri noon', add('Lunch w/ sam', { due_date: at(FRIDAY, '12:00') })],
    ['renew passport!!! before march', add('Renew passport before march')],
    ['what do i need to do this week', list({ completed: false, due: 'week' })],
    ['anything due soon?', list()],
    ['whats happening tomorrow', list({ due: 'tomorrow' })],
    ["what's on my plate this week", list({ due: 'week' })],
    ['do I have any overdue tasks', list({ due: 'overdue' })],
    ['is the car registration renewed?', show('car registration', 'done')],
    ["what's the deadline for the tax return", show('tax return')],
    ['when do I need to pay rent', show('pay rent')],
    ['whats the status of the report', show('report')],
    ['all done with the report', done('report')],
    ['took out the trash', done('took out the trash')],
    ['yep did the groceries', done('groceries')],
    ['laundry done', done('laundry')],
    ['the flowers are sent', done('flowers')],
    ['tick laundry', done('laundry')],
    ["actually the laundry isn't done", done('laundry', false)],
    ['nvm the meeting with alex, delete it', del('meeting with alex')],
    ['change the report deadline to dec 20', edit('report', { due_date: '2026-12-20' })],
    ['the gym can wait, make it low priority', edit('gym', { priority: 'low' })],
    ['actually make that tomorrow instead', edit('it', { due_date: TOMORROW })],
    ['set laundry priority to high', edit('laundry', { priority: 'high' })],
    ['make laundry due tonight', edit('laundry', { due_date: at('2026-11-23', '20:00') })],
    ['make the slides urgent and move them to sunday', edit('slides', { priority: 'high', due_date: '2026-11-29' })],
    ['nope, undo that', { type: 'undo' }],
    ['undo last', { type: 'undo' }],
    ['thank you so much', { type: 'thanks' }],
    ['what can you help with?', { type: 'help' }],
    ['remmber to buy eggs', add('Buy eggs')],
    ['finsih the slides by tomorow', add('Finsih the slides', { due_date: TOMORROW })],
    ['add oat milk to the shopping list', add('Oat milk')],
    ['remind me tmrw to call the vet', add('Call the vet', { due_date: TOMORROW })],
    [
      'add hang pictures, fix the door handle and replace lightbulbs',
      many('Hang pictures', 'Fix the door handle', 'Replace lightbulbs'),
    ],
    ["put pay parking ticket on my todo list, it's urgent", add('Pay parking ticket', { priority: 'high' })],
    ["I still haven't returned the library books", add('Return the library books')],
    ['jot down: call plumber re leak', add('Call plumber re leak')],
    ['meeting prep notes due thursday', add('Meeting prep notes', { due_date: '2026-11-26' })],
    ['is there anything i need to do today', list({ completed: false, due: 'today' })],
    ['got anything for friday', list({ due: { on: FRIDAY } })],
    ["what's the most urgent thing", list({ priority: 'high' })],
    ['did i do the laundry?', show('laundry', 'done')],
    ['the fridge is clean', done('fridge')],
    ["i've returned the library books", done('returned the library books')],
    ['no longer need to fix the door handle', del('fix the door handle')],
    ['scratch the gift for tom', del('gift for tom')],
    ['set a due date for the library books: friday', edit('library books', { due_date: FRIDAY })],
    ['undo that last change', { type: 'undo' }],
    ['scratch that', { type: 'undo' }],
    ['hi there', { type: 'greet' }],
    ['need eggs and butter', many('Eggs', 'Butter')],
    ['plan weekend trip', add('Plan weekend trip')],
    ['wash the car, mow the lawn, clean gutters', many('Wash the car', 'Mow the lawn', 'Clean gutters')],
    ['remind me at 6pm to start dinner', add('Start dinner', { due_date: at('2026-11-23', '18:00') })],
    ['add a task for tomorrow: pick up the suit', add('Pick up the suit', { due_date: TOMORROW })],
    ['mark the suit as picked up', done('suit')],
    ['check the lawn off my list', done('lawn')],
    ['get rid of the gutters task, I hired someone', del('gutters')],
    ['make dinner 7pm instead', edit('dinner', { due_date: at('2026-11-23', '19:00') })],
    ['bump the gutters to high priority', edit('gutters', { priority: 'high' })],
    ['give the trip a due date of dec 20', edit('trip', { due_date: '2026-12-20' })],
    [
      'move the amazon return to tomorrow and set it low priority',
      edit('amazon return', { due_date: TOMORROW, priority: 'low' }),
    ],
    ['ugh undo', { type: 'undo' }],
    ['postpone the fridge cleaning by a week', { ...edit('fridge cleaning', {}), shift_days: 7 }],
    ['move it up a day', { ...edit('it', {}), shift_days: -1 }],
    ['remind me 2 call the landlord tmrw', add('Call the landlord', { due_date: TOMORROW })],
    ['I should probably cancel the gym membership', add('Cancel the gym membership')],
    ['add 3 tasks: laundry, dishes, vacuum', many('Laundry', 'Dishes', 'Vacuum')],
    ['pls remind me to feed the fish tonight 🐟', add('Feed the fish', { due_date: at('2026-11-23', '20:00') })],
    ['wats due today', list({ due: 'today' })],
    ['is the netflix thing done', show('netflix', 'done')],
    ['dishes ✅', done('dishes')],
    ['vacuumed', done('vacuumed')],
    ['forget about the gym membership', del('gym membership')],
    ['push the blender return back a day', { ...edit('blender return', {}), shift_days: 1 }],
    ['what else can you do', { type: 'help' }],
    ['add pay taxes by april 15, urgent', add('Pay taxes', { due_date: '2027-04-15', priority: 'high' })],
    ["don't forget the recycling goes out wednesday", add('Recycling goes out', { due_date: '2026-11-25' })],
    ["what's due next week?", list({ completed: false, due: 'next_week' })],
    ['any overdue?', list({ due: 'overdue' })],
    ["is karen's email done?", show("karen's email", 'done')],
    ['i booked the table', done('booked the table')],
    ["remove karen's email from my list", del("karen's email")],
    ['push the oil change to next month', edit('oil change', { due_date: '2026-12-01' })],
    ['the accountant call is now at 11am', edit('accountant call', { due_date: at('2026-11-23', '11:00') })],
    ["you're the best, thanks", { type: 'thanks' }],
    ['how many are overdue?', list({ due: 'overdue' })],
  ])('%j', (message, expected) => {
    expect(parse(message, clock)).toEqual(expected);
  });
});
