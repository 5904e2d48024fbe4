//! Prints each input line's parts with their Latin spelling and skeletons, to study misses by eye.
//! `echo "علی القاصی مهر" | cargo run -p dragnet-match --example skeletons`

use std::io::BufRead;

use dragnet_match::Variants;
use dragnet_match::names::name_form;

fn main() {
    let variants = Variants::default();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let parts: Vec<String> = name_form(&line, &variants)
            .map(|form| form.parts.iter().map(|p| format!("{}[{}|{}]", p.text, p.latin, p.bare_skeleton)).collect())
            .unwrap_or_default();
        println!("{line}\t{}", parts.join(" "));
    }
}
