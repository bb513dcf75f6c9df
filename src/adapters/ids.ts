// One source of truth for the strings package.json also uses.
export const SECTION = 'iocHunt';

export const CommandId = {
	generateHunt: 'iocHunt.generateHunt',
	generateHuntInNewEditor: 'iocHunt.generateHuntInNewEditor',
	copyHunt: 'iocHunt.copyHunt',
	copyIndicators: 'iocHunt.copyIndicators',
	generateHuntForTarget: 'iocHunt.generateHuntForTarget',
	refangSelection: 'iocHunt.refangSelection',
	defangSelection: 'iocHunt.defangSelection',
} as const;

/** Documents the extension reads. */
export const DOCUMENT_SELECTOR = [{ language: 'markdown' }, { language: 'plaintext' }] as const;

export const KQL_LANGUAGE = 'kql';
