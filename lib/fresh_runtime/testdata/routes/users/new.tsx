export default function NewUser() {
  return <p class="new-user">New user form</p>;
}
