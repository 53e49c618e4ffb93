/**
 * The file picked in an `<input type="file">`, with the input cleared so that picking the same
 * file again (after fixing it, say) fires another change.
 */
export function takeFile(event: Event): File | undefined {
	const input = event.currentTarget as HTMLInputElement;
	const file = input.files?.[0];
	input.value = '';
	return file;
}
