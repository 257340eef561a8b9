// Marks an element whose control took the keyboard focus for a reason (the Undo of what was just deleted): a text
// box that arrives meanwhile, on a page the deletion opened, leaves the focus where it is.
export const KEEPS_FOCUS_ATTRIBUTE = "data-keeps-focus";
