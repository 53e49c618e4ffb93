/** The quick-add syntax in one line, for the hint under the box (apart from the parser, which loads later). */
export const QUICK_ADD_HINT =
	'#problem #data #model #deploy · !active !passive !low · ~90m · p1–p4 · due:fri · @tag';
