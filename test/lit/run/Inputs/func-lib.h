struct pair { long q, r; };
double norm1(const double *v, int n);
struct pair divmod(long a, long b);
long plain_caller(long a, long b); /* in func-plain.c, built by a plain cc */
