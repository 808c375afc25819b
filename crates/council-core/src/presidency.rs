//! Rule 18: the presidency rotates monthly in English alphabetical order of the members' names.
