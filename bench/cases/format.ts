/** Small number formats shared by the notes of several cases. */
export const count = (n: number) => Math.round(n).toLocaleString('en');
export const percent = (share: number) => `${Math.round(share * 100)} %`;
