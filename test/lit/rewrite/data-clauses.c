// How data clauses are rewritten: scalars and structs read in the body
// (scale, p) and firstprivate items (tab, fp) travel in the loop's env
// struct and are copied into the chunk; private items (t, q) are plain
// uninitialized locals of the chunk; lastprivate items (last, lp, la) are
// listed in the descriptor, and the chunk that runs the last iteration
// copies them back.
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// RUN: %parcc -c %s -o %t.o

struct P {
  int x;
  double y;
};

void clauses(int n, double *a, double scale, struct P p) {
  double t;
  struct P q, lp;
  int tab[4] = {1, 2, 3, 4}, fp = 3;
  long last = 0;
  double la[2];
#pragma par distribute map(tofrom : a[0:n]) private(t, q) firstprivate(tab, fp) \
    lastprivate(last, lp, la)
  for (int i = 0; i < n; i++) {
    t = a[i] * scale + p.y;
    q.x = i;
    tab[0] = i;
    fp++;
    a[i] = t + q.x + tab[1] + fp;
    last = i, lp = q, la[0] = t, la[1] = 0;
  }
}

// CHECK: {{^}}struct par__env_clauses_21 {
// CHECK-DAG: {{^ *}}double scale;
// CHECK-DAG: {{^ *}}struct P p;
// CHECK-DAG: {{^ *}}int tab[4];
// CHECK-DAG: {{^ *}}int fp;
// CHECK: {{^}}};
// CHECK: {{^}}static const parrt_last_desc_t par__lasts_clauses_21[] = {
// CHECK-NEXT: {{^ *}}{"last"},
// CHECK-NEXT: {{^ *}}{"lp"},
// CHECK-NEXT: {{^ *}}{"la"},
// CHECK-NEXT: {{^}}};
// CHECK: {{^ *}}.nmaps = 1, .nreds = 0, .nlasts = 3,
// CHECK: {{^ *}}.lasts = par__lasts_clauses_21,
//
// CHECK: {{^}}/* #pragma par distribute map(tofrom : a[0:n]) private(t, q) firstprivate(tab, fp) lastprivate(last, lp, la) */
// CHECK-DAG: {{^ *}}par__env.scale = scale;
// CHECK-DAG: {{^ *}}par__env.p = p;
// CHECK-DAG: {{^ *}}__builtin_memcpy(par__env.tab, tab, sizeof par__env.tab);
// CHECK-DAG: {{^ *}}par__env.fp = fp;
// CHECK: {{^ *}}parrt_last_t par__lasts[3] = {
// CHECK-NEXT: {{^ *}}{(void *)&(last), sizeof(last)},
// CHECK-NEXT: {{^ *}}{(void *)&(lp), sizeof(lp)},
// CHECK-NEXT: {{^ *}}{(void *)&(la), sizeof(la)},
// CHECK: {{^ *}}par__args.lasts = par__lasts;
// CHECK: {{^ *}}parrt_loop_run(&par__loop_clauses_21, &par__args, 0);
//
// CHECK: {{^}}static void par__chunk_clauses_21(const parrt_chunk_t *par__c) {
// CHECK-DAG: {{^ *}}double t;
// CHECK-DAG: {{^ *}}struct P q;
// CHECK-DAG: {{^ *}}double scale = par__env->scale;
// CHECK-DAG: {{^ *}}struct P p = par__env->p;
// CHECK-DAG: {{^ *}}__builtin_memcpy(tab, par__env->tab, sizeof tab);
// CHECK-DAG: {{^ *}}int fp = par__env->fp;
// CHECK-DAG: {{^ *}}long last;
// CHECK-DAG: {{^ *}}struct P lp;
// CHECK-DAG: {{^ *}}double la[2];
// CHECK: {{^}}#line 23 "{{.*}}data-clauses.c"
// CHECK: {{^ *}}if (par__c->k1 == par__c->niters) __builtin_memcpy(par__c->last[0], &last, sizeof last);
// CHECK-NEXT: {{^ *}}if (par__c->k1 == par__c->niters) __builtin_memcpy(par__c->last[1], &lp, sizeof lp);
// CHECK-NEXT: {{^ *}}if (par__c->k1 == par__c->niters) __builtin_memcpy(par__c->last[2], &la, sizeof la);
