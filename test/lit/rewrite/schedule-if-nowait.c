// Clauses that land in the descriptor or the run-time arguments: schedule
// kinds (PARRT_SCHED_*; the default is PARRT_SCHED_AUTO) and a chunk size
// expression (checked positive at run time), if(expr) (args.if_false), and
// nowait (PARRT_LOOP_NOWAIT, run in the function's group); `#pragma par sync`
// waits for the group, which is also waited for when the function returns.
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// RUN: %parcc -c %s -o %t.o

void clauses(int n, double *a) {
#pragma par distribute map(tofrom : a[0:n])
  for (int i = 0; i < n; i++)
    a[i] += 1;
#pragma par distribute map(tofrom : a[0:n]) schedule(static)
  for (int i = 0; i < n; i++)
    a[i] += 1;
#pragma par distribute map(tofrom : a[0:n]) schedule(static, 16) if(n > 1000)
  for (int i = 0; i < n; i++)
    a[i] += 1;
#pragma par distribute map(tofrom : a[0:n]) schedule(dynamic, 4 * n) nowait
  for (int i = 0; i < n; i++)
    a[i] += 1;
#pragma par sync
#pragma par distribute map(tofrom : a[0:n]) schedule(guided), nowait
  for (int i = 0; i < n; i++)
    a[i] += 1;
#pragma par distribute map(tofrom : a[0:n]) schedule(dynamic) if(0)
  for (int i = 0; i < n; i++)
    a[i] += 1;
}

// CHECK: {{^ *}}.name = "clauses:10",
// CHECK: {{^ *}}.schedule = PARRT_SCHED_AUTO,
// CHECK: {{^ *}}.flags = 0,
// CHECK: {{^ *}}.name = "clauses:13",
// CHECK: {{^ *}}.schedule = PARRT_SCHED_STATIC,
// CHECK: {{^ *}}.flags = 0,
// CHECK: {{^ *}}.name = "clauses:16",
// CHECK: {{^ *}}.schedule = PARRT_SCHED_STATIC,
// CHECK: {{^ *}}.flags = 0,
// CHECK: {{^ *}}.name = "clauses:19",
// CHECK: {{^ *}}.schedule = PARRT_SCHED_DYNAMIC,
// CHECK: {{^ *}}.flags = PARRT_LOOP_NOWAIT,
// CHECK: {{^ *}}.name = "clauses:23",
// CHECK: {{^ *}}.schedule = PARRT_SCHED_GUIDED,
// CHECK: {{^ *}}.flags = PARRT_LOOP_NOWAIT,
// CHECK: {{^ *}}.name = "clauses:26",
// CHECK: {{^ *}}.schedule = PARRT_SCHED_DYNAMIC,
// CHECK: {{^ *}}.flags = 0,
//
// The function gets a group that is waited for when it returns.
// CHECK: {{^}}void clauses(int n, double *a) {{[{]}} parrt_group_t par__group __attribute__((cleanup(parrt_group_cleanup)))
// CHECK: {{^ *}}parrt_loop_run(&par__loop_clauses_10, &par__args, 0);
// CHECK: {{^ *}}parrt_loop_run(&par__loop_clauses_13, &par__args, 0);
// CHECK: {{^}}/* #pragma par distribute map(tofrom : a[0:n]) schedule(static, 16) if(n > 1000) */
// CHECK: {{^ *}}par__args.sched_chunk = (int64_t)(16);
// CHECK: {{^ *}}par__args.if_false = !(n > 1000);
// CHECK: {{^ *}}parrt_loop_run(&par__loop_clauses_16, &par__args, 0);
// CHECK: {{^ *}}par__args.sched_chunk = (int64_t)(4 * n);
// CHECK-NEXT: {{^ *}}if (par__args.sched_chunk <= 0)
// CHECK-NEXT: {{^ *}}parrt_fatal(&par__loop_clauses_19.loc, "the schedule chunk size must be positive");
// CHECK: {{^ *}}parrt_loop_run(&par__loop_clauses_19, &par__args, &par__group);
// CHECK: {{^ *}}parrt_group_wait(&par__group, &(const parrt_loc_t){"{{.*}}schedule-if-nowait.c", "clauses", 22, 1});
// CHECK: {{^ *}}parrt_loop_run(&par__loop_clauses_23, &par__args, &par__group);
// CHECK: {{^ *}}par__args.if_false = !(0);
// CHECK: {{^ *}}parrt_loop_run(&par__loop_clauses_26, &par__args, 0);
