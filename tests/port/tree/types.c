/* An entry type the rules cannot guess (--types slot): rewritten only when named. */
typedef unsigned long slot;

void clear_slot(slot *s)
{
	*s = 0;
}
