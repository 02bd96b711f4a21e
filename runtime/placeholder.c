void par__placeholder(void) {}
